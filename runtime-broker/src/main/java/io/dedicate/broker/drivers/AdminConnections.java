package io.dedicate.broker.drivers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A small pool of admin connections per cluster admin endpoint (HikariCP), so that the {@code mysql} driver's calls do
 * not pay a TCP handshake, a TLS-less MySQL handshake and an authentication each.
 *
 * <p>One pool per {@link Key}: host, port, admin user and the SHA-256 of the admin password, so that a new password
 * reported for a cluster gets a new pool (the old one ages out) and no password is kept in a key or a pool name. Each
 * pool holds at most {@value #MAX_CONNECTIONS} connections, none when idle for a minute, and none older than ten
 * minutes; a pool not used for {@link #IDLE_POOL_LIMIT} is closed and dropped, checked on access (at most once a
 * minute).
 *
 * <p>The first call on an endpoint (or the first after its pool failed to connect) opens its connection directly, as
 * the driver did before pools: a wrong password or a refused port then fails at once with the server's own message,
 * where a pool would retry until its connection timeout. Only once that connection succeeded does the endpoint get a
 * pool; a pool that then times out connecting is dropped, so that the next call goes direct again.
 *
 * <p>Thread-safe. {@link #close()} closes every pool; calls after it fail.
 */
final class AdminConnections implements AutoCloseable {

    /** Most connections one endpoint's pool holds. */
    static final int MAX_CONNECTIONS = 4;

    /** How long a pool may go unused before it is closed and dropped. */
    static final Duration IDLE_POOL_LIMIT = Duration.ofMinutes(10);

    private static final Duration IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_CONNECTION_LIFETIME = Duration.ofMinutes(10);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final Duration MIN_POOL_WAIT = Duration.ofMillis(250);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final long idlePoolLimitNanos;
    private final LongSupplier nanoTime;
    private final Map<Key, Pool> pools = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor housekeeping;
    private final String namePrefix;
    private final long sweepEveryNanos;
    private volatile long nextSweep;
    private volatile boolean closed;

    /**
     * Pools whose connections give up after {@code connectTimeout} when a server does not answer (also how long a call
     * waits for a free pooled connection) and after {@code socketTimeout} when a statement gets no answer.
     */
    AdminConnections(Duration connectTimeout, Duration socketTimeout) {
        this(connectTimeout, socketTimeout, IDLE_POOL_LIMIT, System::nanoTime);
    }

    /** As {@link #AdminConnections(Duration, Duration)}, with the idle limit of pools and the clock given (tests). */
    AdminConnections(Duration connectTimeout, Duration socketTimeout, Duration idlePoolLimit, LongSupplier nanoTime) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.socketTimeout = Objects.requireNonNull(socketTimeout, "socketTimeout");
        this.idlePoolLimitNanos = idlePoolLimit.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sweepEveryNanos = Math.min(idlePoolLimitNanos, SWEEP_EVERY.toNanos());
        this.nextSweep = nanoTime.getAsLong() + sweepEveryNanos;
        this.namePrefix = "mysql-admin-" + INSTANCES.incrementAndGet();
        this.housekeeping = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, namePrefix + "-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.setRemoveOnCancelPolicy(true);
    }

    /**
     * Where one endpoint's pool is filed: never the password itself, only its SHA-256 in hex.
     *
     * @param host the server's host
     * @param port the server's port
     * @param adminUsername the admin account
     * @param passwordSha256 SHA-256 of the admin password, in lower-case hex
     */
    record Key(String host, int port, String adminUsername, String passwordSha256) {

        static Key of(MysqlAdminEndpoint admin) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(admin.adminPassword().getBytes(StandardCharsets.UTF_8));
                return new Key(
                        admin.host(),
                        admin.port(),
                        admin.adminUsername(),
                        HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }
    }

    /** One endpoint's pool and when it was last handed out ({@link System#nanoTime()} scale). */
    private static final class Pool {
        final HikariDataSource source;
        volatile long lastUsed;

        Pool(HikariDataSource source, long lastUsed) {
            this.source = source;
            this.lastUsed = lastUsed;
        }
    }

    /**
     * A connection to {@code admin}'s server as its administrator: a pooled one when the endpoint has a pool, else a
     * new direct one (and the endpoint gets a pool once it connected). Closing the connection returns it; HikariCP
     * resets what was changed through the JDBC API (auto-commit, catalog, isolation, read-only), rolling back an open
     * transaction, but not what SQL changed ({@code USE}, {@code SET}, {@code START TRANSACTION}): callers must not.
     *
     * @throws SQLException the server's own failure (a pool's time-out is unwrapped to the failure that caused it)
     * @throws IllegalStateException once closed
     */
    Connection open(MysqlAdminEndpoint admin) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the MySQL admin connections are closed (the broker is stopping)");
        }
        long now = nanoTime.getAsLong();
        Key key = Key.of(admin);
        dropIdlePools(key, now);
        Pool pool = pools.computeIfPresent(key, (k, existing) -> {
            existing.lastUsed = now;
            return existing;
        });
        if (pool == null) {
            Connection direct = DriverManager.getConnection(url(admin), driverProperties(admin));
            pools.computeIfAbsent(key, k -> new Pool(newSource(k, admin), now));
            if (closed) {
                closeAll();
            }
            return direct;
        }
        try {
            return pool.source.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (pools.remove(key, pool)) {
                pool.source.close();
            }
            throw unwrap(e);
        }
    }

    /** The number of endpoints that have an open pool now. */
    int poolCount() {
        return pools.size();
    }

    /** Whether the pool of {@code admin} exists and is open. */
    boolean hasOpenPool(MysqlAdminEndpoint admin) {
        Pool pool = pools.get(Key.of(admin));
        return pool != null && !pool.source.isClosed();
    }

    /** Closes every pool (their connections with them); calls after this fail. */
    @Override
    public void close() {
        closed = true;
        closeAll();
        housekeeping.shutdownNow();
    }

    private void closeAll() {
        for (Key key : List.copyOf(pools.keySet())) {
            Pool pool = pools.remove(key);
            if (pool != null) {
                pool.source.close();
            }
        }
    }

    /**
     * Closes the pools, other than {@code current}'s, that nobody used for the idle limit and that lend nothing; looks
     * at most once a minute, so that most calls only compare two numbers.
     */
    private void dropIdlePools(Key current, long now) {
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + sweepEveryNanos;
        Map<Key, Pool> idle = new HashMap<>();
        pools.forEach((key, pool) -> {
            if (!key.equals(current) && now - pool.lastUsed > idlePoolLimitNanos && activeConnections(pool) == 0) {
                idle.put(key, pool);
            }
        });
        idle.forEach((key, pool) -> {
            if (pools.remove(key, pool)) {
                pool.source.close();
            }
        });
    }

    private static int activeConnections(Pool pool) {
        var bean = pool.source.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getActiveConnections();
    }

    private HikariDataSource newSource(Key key, MysqlAdminEndpoint admin) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(namePrefix + " " + key.adminUsername() + "@" + key.host() + ":" + key.port());
        config.setJdbcUrl(url(admin));
        config.setUsername(admin.adminUsername());
        config.setPassword(admin.adminPassword());
        Properties properties = driverProperties(admin);
        properties.remove("user");
        properties.remove("password");
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_CONNECTION_TIMEOUT.toMillis());
        config.setMaxLifetime(MAX_CONNECTION_LIFETIME.toMillis());
        config.setConnectionTimeout(Math.max(MIN_POOL_WAIT.toMillis(), connectTimeout.toMillis()));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.setScheduledExecutor(housekeeping);
        return new HikariDataSource(config);
    }

    private static String url(MysqlAdminEndpoint admin) {
        return "jdbc:mariadb://" + admin.host() + ":" + admin.port() + "/";
    }

    /** What every admin connection is opened with, pooled or direct. */
    Properties driverProperties(MysqlAdminEndpoint admin) {
        Properties properties = new Properties();
        properties.setProperty("user", admin.adminUsername());
        properties.setProperty("password", admin.adminPassword());
        properties.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        properties.setProperty("useServerPrepStmts", "false");
        return properties;
    }

    /**
     * The failure behind a pool's time-out ("Connection is not available, request timed out"): the server's own
     * refusal or the network's, as a direct connection would have reported it. A time-out with no such cause (every
     * pooled connection busy) stays as it is.
     */
    private static SQLException unwrap(SQLTransientConnectionException timeout) {
        Throwable cause = timeout.getCause();
        if (cause instanceof SQLException sql) {
            return sql;
        }
        if (cause != null) {
            return new SQLException(String.valueOf(cause.getMessage()), cause);
        }
        return timeout;
    }
}
