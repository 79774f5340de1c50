package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The {@code mysql} child driver against a real MariaDB server, connecting with the credentials it returns. */
class MysqlChildDriverTest {

    private final MariaDbServer server = MariaDbServer.get();
    private final MysqlAdminEndpoint admin = server.admin();
    private final MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(5));

    @Test
    void aBindingConnectsWithItsJdbcUrlAndOwnsItsDatabase() throws SQLException {
        String database = newDatabase();
        MysqlCredentials credentials = driver.createUser(admin, database, newUser(), false);

        try (Connection connection = connect(credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
            statement.execute("INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')");
            assertThat(names(statement, "SELECT name FROM customers ORDER BY id"))
                    .containsExactly("Ada", "Grace");
            assertThat(names(statement, "SELECT DATABASE()")).containsExactly(database);
        }
        assertThat(credentials.hostname()).isEqualTo(admin.host());
        assertThat(credentials.port()).isEqualTo(admin.port());
        assertThat(credentials.name()).isEqualTo(database);
    }

    @Test
    void theUriCarriesTheSameWorkingCredentials() throws SQLException {
        String database = newDatabase();
        MysqlCredentials credentials = driver.createUser(admin, database, newUser(), false);

        URI uri = URI.create(credentials.uri());
        String[] userInfo = uri.getUserInfo().split(":", 2);
        String url = "jdbc:mariadb://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
        try (Connection connection = DriverManager.getConnection(url, userInfo[0], userInfo[1]);
                Statement statement = connection.createStatement()) {
            assertThat(names(statement, "SELECT DATABASE()")).containsExactly(database);
        }
        assertThat(uri.getScheme()).isEqualTo("mysql");
        assertThat(uri.getQuery()).isEqualTo("reconnect=true");
    }

    @Test
    void generatedPasswordsAreLongRandomAndNeedNoEscaping() {
        String database = newDatabase();
        MysqlCredentials first = driver.createUser(admin, database, newUser(), false);
        MysqlCredentials second = driver.createUser(admin, database, newUser(), true);

        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9._-]+");
        assertThat(second.password()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9._-]+");
        assertThat(first.password()).isNotEqualTo(second.password());
    }

    @Test
    void aReadOnlyBindingReadsButCannotWrite() throws SQLException {
        String database = newDatabase();
        MysqlCredentials owner = driver.createUser(admin, database, newUser(), false);
        MysqlCredentials reader = driver.createUser(admin, database, newUser(), true);
        try (Connection connection = connect(owner);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
            statement.execute("INSERT INTO t VALUES (42)");
        }

        try (Connection connection = connect(reader);
                Statement statement = connection.createStatement()) {
            assertThat(names(statement, "SELECT v FROM t")).containsExactly("42");
            assertThatThrownBy(() -> statement.execute("INSERT INTO t VALUES (7)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
            assertThatThrownBy(() -> statement.execute("CREATE TABLE u (v INT)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
    }

    @Test
    void aUserOfAnotherDatabaseCannotReadThisOne() throws SQLException {
        String first = newDatabase();
        String second = newDatabase();
        MysqlCredentials firstOwner = driver.createUser(admin, first, newUser(), false);
        MysqlCredentials secondOwner = driver.createUser(admin, second, newUser(), false);
        try (Connection connection = connect(firstOwner);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE secrets (v VARCHAR(10))");
            statement.execute("INSERT INTO secrets VALUES ('mine')");
        }

        try (Connection connection = connect(secondOwner);
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT v FROM `" + first + "`.secrets"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
            assertThat(names(statement, "SHOW DATABASES")).doesNotContain(first).contains(second);
        }
        String url = "jdbc:mariadb://" + admin.host() + ":" + admin.port() + "/" + first;
        assertThatThrownBy(() -> DriverManager.getConnection(url, secondOwner.username(), secondOwner.password())
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("denied");
    }

    @Test
    void aDroppedUserNoLongerConnectsAndDroppingTwiceIsFine() throws SQLException {
        String database = newDatabase();
        MysqlCredentials credentials = driver.createUser(admin, database, newUser(), false);
        connect(credentials).close();

        driver.dropUser(admin, credentials.username());
        driver.dropUser(admin, credentials.username());

        assertThatThrownBy(() -> connect(credentials).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("denied");
        assertThat(adminQuery("SELECT User FROM mysql.user")).doesNotContain(credentials.username());
    }

    @Test
    void aDroppedDatabaseIsGoneWithItsUsersAndDroppingTwiceIsFine() throws SQLException {
        String database = newDatabase();
        String other = newDatabase();
        MysqlCredentials credentials = driver.createUser(admin, database, newUser(), false);
        MysqlCredentials reader = driver.createUser(admin, database, newUser(), true);
        MysqlCredentials otherOwner = driver.createUser(admin, other, newUser(), false);
        try (Connection connection = connect(credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
        }

        driver.dropDatabase(admin, database);
        driver.dropDatabase(admin, database);

        assertThat(adminQuery("SHOW DATABASES")).doesNotContain(database).contains(other);
        assertThat(adminQuery("SELECT User FROM mysql.user"))
                .doesNotContain(credentials.username(), reader.username())
                .contains(otherOwner.username(), MariaDbServer.ADMIN_USER);
        assertThatThrownBy(() -> connect(credentials).close()).isInstanceOf(SQLException.class);
        connect(otherOwner).close();
    }

    @Test
    void creatingADatabaseThatExistsFailsClearlyAndKeepsItsData() throws SQLException {
        String database = newDatabase();
        MysqlCredentials credentials = driver.createUser(admin, database, newUser(), false);
        try (Connection connection = connect(credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
            statement.execute("INSERT INTO t VALUES (1)");
        }

        // never adopted: another child's database of the same name would be dropped with this one
        assertThatThrownBy(() -> driver.createDatabase(admin, database, "utf8mb4", "utf8mb4_bin"))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining(admin.address())
                .hasMessageContaining(database)
                .hasMessageContaining("already exists");

        try (Connection connection = connect(credentials);
                Statement statement = connection.createStatement()) {
            assertThat(names(statement, "SELECT v FROM t")).containsExactly("1");
        }
        assertThat(adminQuery("SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME) "
                        + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + database + "'"))
                .containsExactly("utf8mb4 utf8mb4_unicode_ci");
    }

    @Test
    void creatingAUserThatExistsFailsClearlyAndKeepsTheFirstPassword() throws SQLException {
        String database = newDatabase();
        String user = newUser();
        MysqlCredentials credentials = driver.createUser(admin, database, user, false);

        assertThatThrownBy(() -> driver.createUser(admin, database, user, false))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining(admin.address())
                .hasMessageContaining(user)
                .hasMessageContaining("already exists");
        connect(credentials).close();
    }

    @Test
    void creatingAUserOnAMissingDatabaseFailsClearly() {
        String missing = MysqlChildDriver.databaseName(UUID.randomUUID().toString());

        assertThatThrownBy(() -> driver.createUser(admin, missing, newUser(), false))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining(admin.address())
                .hasMessageContaining(missing)
                .hasMessageContaining("does not exist");
    }

    @Test
    void badIdentifiersAreRefusedBeforeAnySql() throws IOException {
        // An endpoint where nothing listens: reaching the server would fail with ChildDriverException instead.
        MysqlAdminEndpoint nowhere = new MysqlAdminEndpoint("127.0.0.1", closedPort(), "admin", "pw");
        List<Runnable> calls = List.of(
                () -> driver.createDatabase(nowhere, "d`; DROP DATABASE mysql; --", "utf8mb4", "utf8mb4_bin"),
                () -> driver.createDatabase(nowhere, "Upper", "utf8mb4", "utf8mb4_bin"),
                () -> driver.createDatabase(nowhere, "ok", "utf8mb4 COLLATE x", "utf8mb4_bin"),
                () -> driver.createDatabase(nowhere, "ok", "utf8mb4", "utf8mb4_bin; DROP USER root"),
                () -> driver.createDatabase(nowhere, "a".repeat(65), "utf8mb4", "utf8mb4_bin"),
                () -> driver.createDatabase(nowhere, "", "utf8mb4", "utf8mb4_bin"),
                () -> driver.dropDatabase(nowhere, "x-y"),
                () -> driver.createUser(nowhere, "ok", "u'@'%", false),
                () -> driver.createUser(nowhere, "ok", "u".repeat(33), false),
                () -> driver.createUser(nowhere, "o k", "u", false),
                () -> driver.dropUser(nowhere, "root'@'localhost"));

        for (Runnable call : calls) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid MySQL")
                    .hasMessageContaining("[a-z0-9_]");
        }
    }

    @Test
    void anUnreachableEndpointFailsNamingItWithoutThePassword() throws IOException {
        String password = "very-secret-admin-password";
        MysqlAdminEndpoint nowhere = new MysqlAdminEndpoint("127.0.0.1", closedPort(), "admin", password);

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> driver.createDatabase(nowhere, "d_x", "utf8mb4", "utf8mb4_bin"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure)
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining(nowhere.address())
                .hasMessageContaining("create database 'd_x'");
        assertNoPassword(failure, password);
        assertThat(nowhere.toString()).doesNotContain(password).contains(nowhere.host());
    }

    @Test
    void aSilentEndpointFailsWithinTheConnectTimeout() {
        // A non-routable address: either the network says so at once or the connect timeout (1 s) ends the wait.
        MysqlChildDriver impatient = new MysqlChildDriver(Duration.ofSeconds(1));
        String password = "another-secret";
        MysqlAdminEndpoint silent = new MysqlAdminEndpoint("10.255.255.1", 3306, "admin", password);

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> impatient.dropUser(silent, "u_x"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(failure).isInstanceOf(ChildDriverException.class).hasMessageContaining("10.255.255.1:3306");
        assertNoPassword(failure, password);
    }

    @Test
    void wrongAdminCredentialsFailWithoutThePassword() {
        String password = "wrong-password-0123456789";
        MysqlAdminEndpoint wrong =
                new MysqlAdminEndpoint(admin.host(), admin.port(), MariaDbServer.ADMIN_USER, password);

        Throwable failure = catchThrowable(() -> driver.dropDatabase(wrong, "d_x"));

        assertThat(failure)
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining(admin.address())
                .hasMessageContaining("denied");
        assertNoPassword(failure, password);
    }

    private String newDatabase() {
        String database = MysqlChildDriver.databaseName(UUID.randomUUID().toString());
        driver.createDatabase(admin, database, "utf8mb4", "utf8mb4_unicode_ci");
        return database;
    }

    private static String newUser() {
        return MysqlChildDriver.userName(UUID.randomUUID().toString());
    }

    /** Connects as an application would with the binding's {@code jdbcUrl}; MariaDB's driver must be told to accept it. */
    private static Connection connect(MysqlCredentials credentials) throws SQLException {
        return DriverManager.getConnection(credentials.jdbcUrl() + "&permitMysqlScheme");
    }

    private List<String> adminQuery(String sql) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement()) {
            return names(statement, sql);
        }
    }

    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertNoPassword(@Nullable Throwable failure, String password) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(password);
            assertThat(cause.toString()).doesNotContain(password);
        }
    }
}
