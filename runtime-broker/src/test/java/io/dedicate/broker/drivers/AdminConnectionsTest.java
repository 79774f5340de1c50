package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pooled admin connections of the {@code mysql} driver, on a real MariaDB server. */
class AdminConnectionsTest {

    private final MariaDbServer server = MariaDbServer.get();
    private final MysqlAdminEndpoint admin = server.admin();

    @Test
    void fiftySequentialCreatesReuseAFewConnections() throws SQLException {
        try (MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(10))) {
            long before = connectionsSoFar();
            List<String> databases = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String database =
                        MysqlChildDriver.databaseName(UUID.randomUUID().toString());
                driver.createDatabase(admin, database, "utf8mb4", "utf8mb4_bin");
                databases.add(database);
            }
            long opened = connectionsSoFar() - before - 1; // the second count's own connection

            // the first call connects directly, then at most the pool's size
            assertThat(opened).isBetween(1L, 1L + AdminConnections.MAX_CONNECTIONS);
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                driver.run(admin, "read the connection id", connection -> {
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT CONNECTION_ID()")) {
                        rows.next();
                        ids.add(rows.getLong(1));
                    }
                    return null;
                });
            }
            assertThat(ids).hasSizeBetween(1, AdminConnections.MAX_CONNECTIONS);
            try (Connection connection = server.adminConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW DATABASES")) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                assertThat(names).containsAll(databases);
            }
        }
    }

    @Test
    void aPooledConnectionComesBackCleanAfterAFailedStatement() {
        try (MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(10))) {
            driver.createDatabase(admin, "d_pool_clean", "utf8mb4", "utf8mb4_bin");
            Throwable failure = catchThrowable(() -> driver.run(admin, "fail on purpose", connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT * FROM `d_pool_clean`.`no_such_table`");
                }
                return null;
            }));
            assertThat(failure).isInstanceOf(ChildDriverException.class).hasMessageContaining("no_such_table");

            List<String> state = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 5; i++) {
                driver.run(admin, "read the session", connection -> {
                    try (Statement statement = connection.createStatement();
                            ResultSet rows =
                                    statement.executeQuery("SELECT DATABASE(), @@autocommit, @@in_transaction")) {
                        rows.next();
                        state.add(rows.getString(1) + "," + rows.getInt(2) + "," + rows.getInt(3));
                    }
                    return null;
                });
            }
            assertThat(state).containsOnly("null,1,0");
        }
    }

    @Test
    void aWrongPasswordFailsAtOnceWithTheServersMessageAndGetsNoPool() {
        String password = "wrong-password-for-the-pool-0123";
        MysqlAdminEndpoint wrong = new MysqlAdminEndpoint(admin.host(), admin.port(), admin.adminUsername(), password);
        try (MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(10))) {
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                Throwable failure = catchThrowable(() -> driver.dropDatabase(wrong, "d_x"));

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(failure)
                        .isInstanceOf(ChildDriverException.class)
                        .hasMessageContaining("MySQL " + admin.address() + ": cannot drop database 'd_x': ")
                        .hasMessageContaining("Access denied for user")
                        .hasMessageNotContaining(password);
            }
            assertThat(driver.connections().poolCount()).isZero();
        }
    }

    @Test
    void aServerThatGoesAwayFailsClearlyWithinTheConnectTimeout() throws IOException, InterruptedException {
        try (MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(2));
                Relay relay = new Relay(server.port())) {
            MysqlAdminEndpoint relayed =
                    new MysqlAdminEndpoint("127.0.0.1", relay.port(), admin.adminUsername(), admin.adminPassword());
            driver.dropUser(relayed, "u_pool_gone");
            driver.dropUser(relayed, "u_pool_gone");
            assertThat(driver.connections().hasOpenPool(relayed)).isTrue();

            relay.goAway();
            Thread.sleep(700); // past HikariCP's 500 ms without a validity check: the dead connection is noticed
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> driver.dropUser(relayed, "u_pool_gone"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(failure)
                    .isInstanceOf(ChildDriverException.class)
                    .hasMessageStartingWith("MySQL " + relayed.address() + ": cannot drop user 'u_pool_gone': ")
                    .hasMessageContaining("Connection refused") // the pool's time-out unwrapped to its cause
                    .hasMessageNotContaining("request timed out")
                    .hasMessageNotContaining(admin.adminPassword());
            assertThat(driver.connections().hasOpenPool(relayed)).isFalse();

            // the next call connects directly again and fails at once
            start = System.nanoTime();
            failure = catchThrowable(() -> driver.dropUser(relayed, "u_pool_gone"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(failure).isInstanceOf(ChildDriverException.class).hasMessageContaining(relayed.address());
        }
    }

    @Test
    void closingTheDriverClosesItsPoolsAndTheirConnections() throws SQLException, InterruptedException {
        MysqlAdminEndpoint own = ownAdmin("pool_close", "pool-close-Pw.0123456789abcdef");
        MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            driver.dropUser(own, "u_pool_close");
        }
        assertThat(driver.connections().hasOpenPool(own)).isTrue();
        assertThat(sessionsOf("pool_close")).isPositive();

        driver.close();

        assertThat(driver.connections().poolCount()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sessionsOf("pool_close") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sessionsOf("pool_close")).isZero();
        assertThatThrownBy(() -> driver.dropUser(own, "u_pool_close"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aNewPasswordGetsANewPoolAndAnUnusedPoolIsDropped() throws SQLException {
        String first = "pool-rotate-Pw.0123456789abcdef";
        MysqlAdminEndpoint before = ownAdmin("pool_rotate", first);
        AtomicLong now = new AtomicLong();
        try (AdminConnections connections =
                new AdminConnections(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10), now::get)) {
            use(connections, before);
            use(connections, before);
            assertThat(connections.hasOpenPool(before)).isTrue();

            String second = "pool-rotate-Pw.fedcba9876543210";
            try (Connection connection = server.adminConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("ALTER USER 'pool_rotate'@'%' IDENTIFIED BY '" + second + "'");
            }
            MysqlAdminEndpoint after = new MysqlAdminEndpoint(before.host(), before.port(), "pool_rotate", second);
            now.addAndGet(Duration.ofMinutes(5).toNanos());
            use(connections, after);
            use(connections, after);
            assertThat(connections.poolCount()).isEqualTo(2);

            now.addAndGet(Duration.ofMinutes(6).toNanos());
            use(connections, after);

            assertThat(connections.hasOpenPool(before)).isFalse();
            assertThat(connections.hasOpenPool(after)).isTrue();
            assertThat(connections.poolCount()).isEqualTo(1);
        }
    }

    @Test
    void theKeyOfAPoolHoldsADigestOfThePasswordNotThePassword() {
        AdminConnections.Key key = AdminConnections.Key.of(admin);

        assertThat(key.toString()).doesNotContain(admin.adminPassword()).contains(admin.adminUsername());
        assertThat(key.passwordSha256()).hasSize(64).isNotEqualTo(admin.adminPassword());
        assertThat(AdminConnections.Key.of(
                        new MysqlAdminEndpoint(admin.host(), admin.port(), admin.adminUsername(), "other")))
                .isNotEqualTo(key);
    }

    private static void use(AdminConnections connections, MysqlAdminEndpoint endpoint) throws SQLException {
        try (Connection connection = connections.open(endpoint);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    /** An admin account of this test's own, so that its sessions can be counted apart from other tests'. */
    private MysqlAdminEndpoint ownAdmin(String user, String password) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%' WITH GRANT OPTION");
        }
        return new MysqlAdminEndpoint("127.0.0.1", server.port(), user, password);
    }

    private long sessionsOf(String user) throws SQLException {
        try (Connection connection = server.adminConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            query.setString(1, user);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The server's count of connection attempts since it started (each new connection adds one). */
    private long connectionsSoFar() throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Connections'")) {
            rows.next();
            return rows.getLong(2);
        }
    }

    /**
     * A TCP relay to the MariaDB server: a server that can go away without stopping the shared one. Closing it closes
     * its port and every relayed connection.
     */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final int target;

        Relay(int target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[8192];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            int read;
                            while ((read = in.read(buffer)) >= 0) {
                                out.write(buffer, 0, read);
                                out.flush();
                            }
                        } catch (IOException e) {
                            // the relay closed: nothing more to pump
                        }
                    },
                    "relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            goAway();
        }

        /** Closes the port and every relayed connection, as a server going away would. */
        void goAway() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
