package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Quota enforcement on a real MariaDB: a database filled past a 1 MB quota loses INSERT, UPDATE and CREATE for its
 * writers (SELECT, DELETE and DROP stay), open connections are closed, read-only users stay read-only, and once rows
 * are deleted the writers get their privileges back.
 */
class MysqlQuotaEnforcerTest {

    private static final long ONE_MB = 1L << 20;

    private final MariaDbServer server = MariaDbServer.get();
    private final MysqlAdminEndpoint admin = server.admin();
    private final MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(5));
    private final MysqlQuotaEnforcer enforcer = new MysqlQuotaEnforcer(driver);

    @Test
    void aDatabaseOverItsQuotaRefusesWritesUntilRowsAreDeleted() throws Exception {
        String database = MysqlChildDriver.databaseName(UUID.randomUUID().toString());
        driver.createDatabase(admin, database, new DatabaseCharacterSet("utf8mb4", null));
        MysqlCredentials writer = driver.createUser(admin, database, newUser(), false);
        MysqlCredentials reader = driver.createUser(admin, database, newUser(), true);
        try (Connection app = connect(writer);
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE files (id INT PRIMARY KEY, content LONGBLOB)");
            statement.execute("INSERT INTO files VALUES (0, 'small')");
        }
        assertThat(enforcer.enforce(admin, Map.of(database, ONE_MB)))
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.overQuota()).isFalse();
                    assertThat(check.changed()).isFalse();
                });

        fill(writer, 40, 50_000);
        analyze(database);
        try (Connection openBefore = connect(writer)) {
            List<QuotaCheck> over = enforcer.enforce(admin, Map.of(database, ONE_MB));
            assertThat(over).singleElement().satisfies(check -> {
                assertThat(check.database()).isEqualTo(database);
                assertThat(check.usedBytes()).isGreaterThanOrEqualTo(ONE_MB);
                assertThat(check.overQuota()).isTrue();
                assertThat(check.revokedFrom()).containsExactly(writer.username());
            });
            assertThatThrownBy(() -> openBefore.createStatement().execute("SELECT 1"))
                    .as("connections opened before the revoke are closed")
                    .isInstanceOf(SQLException.class);
        }
        try (Connection app = connect(writer);
                Statement statement = app.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO files VALUES (100, 'more')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("INSERT command denied");
            assertThatThrownBy(() -> statement.execute("UPDATE files SET content = 'x' WHERE id = 0"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("UPDATE command denied");
            assertThatThrownBy(() -> statement.execute("CREATE TABLE other (id INT)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("CREATE command denied");
            assertThat(count(statement)).isEqualTo(41);
        }
        assertThat(enforcer.enforce(admin, Map.of(database, ONE_MB)))
                .as("a second sweep changes nothing")
                .singleElement()
                .satisfies(check -> assertThat(check.changed()).isFalse());

        try (Connection app = connect(writer);
                Statement statement = app.createStatement()) {
            statement.execute("DELETE FROM files WHERE id > 0");
        }
        QuotaCheck back = underQuotaAgain(database);
        assertThat(back.restoredTo()).containsExactly(writer.username());
        try (Connection app = connect(writer);
                Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO files VALUES (100, 'more')");
            statement.execute("CREATE TABLE other (id INT)");
            assertThat(count(statement)).isEqualTo(2);
        }
        try (Connection app = connect(reader);
                Statement statement = app.createStatement()) {
            assertThat(count(statement)).isEqualTo(2);
            assertThatThrownBy(() -> statement.execute("INSERT INTO files VALUES (200, 'no')"))
                    .as("a read-only binding stays read-only")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void databasesThatDoNotExistAreSkipped() {
        String missing = MysqlChildDriver.databaseName(UUID.randomUUID().toString());
        assertThat(enforcer.enforce(admin, Map.of(missing, ONE_MB))).isEmpty();
        assertThat(enforcer.enforce(admin, Map.of())).isEmpty();
        assertThatThrownBy(() -> enforcer.enforce(admin, Map.of("no-such`db", ONE_MB)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sweeps until the deleted rows are purged and counted out (InnoDB purges in the background, within seconds). */
    private QuotaCheck underQuotaAgain(String database) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            QuotaCheck check = enforcer.enforce(admin, Map.of(database, ONE_MB)).get(0);
            if (!check.overQuota() || System.nanoTime() > deadline) {
                assertThat(check.overQuota())
                        .as("under quota after the rows were deleted: " + check)
                        .isFalse();
                return check;
            }
            Thread.sleep(200);
        }
    }

    private static void fill(MysqlCredentials credentials, int rows, int bytes) throws SQLException {
        try (Connection app = connect(credentials);
                PreparedStatement insert = app.prepareStatement("INSERT INTO files VALUES (?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setInt(1, i);
                insert.setBytes(2, new byte[bytes]);
                insert.execute();
            }
        }
    }

    /** What InnoDB's background statistics recalculation does a moment later, at once (the test needs no waiting). */
    private void analyze(String database) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE TABLE `" + database + "`.files");
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM files")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String newUser() {
        return MysqlChildDriver.userName(UUID.randomUUID().toString());
    }

    private static Connection connect(MysqlCredentials credentials) throws SQLException {
        return DriverManager.getConnection(credentials.jdbcUrl() + "&permitMysqlScheme");
    }
}
