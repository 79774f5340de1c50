package io.dedicate.broker.http;

import io.dedicate.broker.state.PostgresDatabases;
import java.nio.file.Path;

/**
 * The state store the broker tests run on, chosen by the system property {@code
 * dedicate.test.store}: {@code h2} (default: an H2 file database in the test's data directory) or
 * {@code postgres} (a fresh database on the embedded PostgreSQL server). The build runs the whole
 * HTTP suite once with each (two surefire executions).
 */
public final class TestStores {

    private TestStores() {}

    /** The store this run uses: {@code h2} or {@code postgres}. */
    public static String name() {
        return System.getProperty("dedicate.test.store", "h2");
    }

    /** A JDBC URL of an empty database for a broker whose data directory is {@code data}. */
    public static String jdbcUrl(Path data) {
        return switch (name()) {
            case "h2" -> "jdbc:h2:file:" + data.resolve("state").toAbsolutePath();
            case "postgres" -> PostgresDatabases.newJdbcUrl();
            default -> throw new IllegalStateException("dedicate.test.store must be h2 or postgres, not " + name());
        };
    }
}
