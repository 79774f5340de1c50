package io.dedicate.broker.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's state database, as every store of this package uses it: one JDBC client, one transaction template and
 * the clock that stamps changes, over an H2 file database by default or PostgreSQL when several broker replicas share
 * one state.
 *
 * <p>Correctness never depends on this process's memory: every transition is a conditional {@code UPDATE} that
 * compares the current state and sets the next one, so two replicas racing on the same row see exactly one winner. The
 * schema is migrated by Flyway from {@code classpath:db/migration} (by Spring Boot in the application, by {@link
 * #migrate(DataSource)} elsewhere); it needs no database mode: H2 URLs are plain, e.g. {@code
 * jdbc:h2:file:./data/state;DB_CLOSE_ON_EXIT=FALSE}.
 *
 * <p>Times are stored as {@code TIMESTAMP(6) WITH TIME ZONE}; instants are truncated to microseconds on the way in,
 * so what is read back equals what was written.
 */
public final class StateDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(StateDatabase.class);

    /**
     * How long (ms) the embedded store keeps a chunk of its file that no longer holds live data before it reuses the
     * space. H2's default (45 s) assumes the operating system writes the file back within that time; {@link #upkeep()}
     * forces it to disk every {@link #UPKEEP_INTERVAL}, so 5 s (five intervals) keeps that assumption with a wide
     * margin, and the file no longer holds 45 s of a busy broker's writes.
     */
    static final int RETENTION_MILLIS = 5_000;

    /** How often {@link #upkeep()} should run: far below {@link #RETENTION_MILLIS}. */
    public static final Duration UPKEEP_INTERVAL = Duration.ofSeconds(1);

    /** The live fill rate (percent) below which {@link #upkeep()} rewrites chunks; H2's own default. */
    private static final int TARGET_FILL_RATE = 90;

    /** The most live data (bytes) one {@link #upkeep()} moves, so that it holds the store's lock a few ms at most. */
    private static final int REWRITE_LIMIT = 1 << 20;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean embedded;

    /** The database behind {@code dataSource}, whose schema is already migrated; {@code clock} stamps the changes. */
    public StateDatabase(DataSource dataSource, Clock clock) {
        this(dataSource, clock, RETENTION_MILLIS);
    }

    /** The database behind {@code dataSource}, whose embedded store reuses dead space after {@code retentionMillis}. */
    StateDatabase(DataSource dataSource, Clock clock, int retentionMillis) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.embedded = isH2(dataSource);
        if (embedded) {
            // persistent in the database file; the default URL says so too (application.properties)
            jdbc.sql("SET WRITE_DELAY 0").update();
            jdbc.sql("SET RETENTION_TIME " + retentionMillis).update();
        } else {
            warnIfCommitsAreNotDurable();
        }
    }

    /**
     * PostgreSQL's commit is durable when it returns only with {@code fsync=on} and {@code synchronous_commit} not
     * {@code off} (its defaults); an operator may have turned either off for speed. Logged loudly: the broker's
     * answers would then not survive a crash of the database server.
     */
    private void warnIfCommitsAreNotDurable() {
        for (String setting : new String[] {"fsync", "synchronous_commit"}) {
            String value;
            try {
                value = jdbc.sql("SHOW " + setting).query(String.class).single();
            } catch (RuntimeException e) {
                LOG.warn("cannot read the state database's setting {}: {}", setting, e.getMessage());
                continue;
            }
            if ("off".equalsIgnoreCase(value)) {
                LOG.warn(
                        "The PostgreSQL state database runs with {}=off: a commit may be lost when the database "
                                + "server crashes, after the broker answered. Set {}=on (the default) for the broker's "
                                + "answers to be durable.",
                        setting,
                        setting);
            }
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the state database: " + e.getMessage(), e);
        }
    }

    /**
     * Makes every committed transaction durable on disk before an answer is sent: the embedded H2 store writes each
     * commit to its file at once ({@code WRITE_DELAY=0}, which makes H2's MVStore store a chunk at the end of every
     * transaction), but only into the operating system's page cache; {@code CHECKPOINT SYNC} forces the file to disk
     * ({@code FileChannel.force}). One call covers every transaction committed before it. PostgreSQL needs nothing:
     * with {@code synchronous_commit=on} and {@code fsync=on} (checked at start-up) its commit returns after the WAL
     * is flushed.
     */
    public void sync() {
        if (embedded) {
            jdbc.sql("CHECKPOINT SYNC").update();
        }
    }

    /**
     * Keeps the embedded store's file as small as its data: with {@code WRITE_DELAY=0} H2 stops the background thread
     * that would otherwise compact it, and every commit appends a chunk, most of which is garbage at the next commit.
     * Each run rewrites the live pages of chunks that are mostly garbage (up to {@link #REWRITE_LIMIT} bytes, when the
     * live fill rate is under {@link #TARGET_FILL_RATE}%), so that whole chunks fall free and their space is reused,
     * then forces the file to disk (what makes {@link #RETENTION_MILLIS} safe). Without it the file grew by about 140
     * KB per provision and never shrank. PostgreSQL needs nothing: autovacuum does this.
     */
    public void upkeep() {
        if (!embedded) {
            return;
        }
        onStore(store -> store.compact(TARGET_FILL_RATE, REWRITE_LIMIT));
        // stores what the compaction rewrote and forces the file to disk
        sync();
    }

    /** The size in bytes of the embedded store's file; -1 for PostgreSQL. */
    long fileSize() {
        return embedded ? onStore(store -> store.getFileStore().size()) : -1;
    }

    /** {@code work} on the embedded store's MVStore, which H2 reaches only through a session of its own. */
    private <T> T onStore(Function<MVStore, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            SessionLocal session =
                    (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return work.apply(session.getDatabase().getStore().getMvStore());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the state database: " + e.getMessage(), e);
        }
    }

    /** True for the embedded H2 store. */
    public boolean isEmbedded() {
        return embedded;
    }

    /** Brings the schema of {@code dataSource} up to date (what Spring Boot's Flyway auto-configuration does). */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs in one transaction; statements of {@link #jdbc()} inside {@code work} join it. */
    TransactionTemplate transactions() {
        return transactions;
    }

    /** Now, to the microsecond the database keeps. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A text parameter typed even when null, so that drivers need not guess the type of a NULL. */
    static SqlParameterValue text(@Nullable String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    /** A time parameter, truncated to microseconds and typed even when null. */
    static SqlParameterValue timestamp(@Nullable Instant value) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE,
                value == null ? null : OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** A {@code NOT NULL} time column. */
    static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        Instant instant = instant(rs, column);
        if (instant == null) {
            throw new IllegalStateException("column " + column + " is NULL despite its NOT NULL constraint");
        }
        return instant;
    }

    /** A nullable time column. */
    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
