package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.drivers.DatabaseCharacterSet;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlAdminEndpoint;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names of children's databases and bindings' users on a real MariaDB, over HTTP: two children whose IDs share
 * their first 30 hex digits (the length the names kept before) get two databases, and deleting one keeps the other's
 * data; a database of the new child's name that the broker does not know is never adopted; a child created before
 * schema version 9 keeps its old name for binding and delete.
 */
class ChildNamesTest {

    static final String DB_100MB = ChildDatabaseTest.DB_100MB;

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;
    ChildDatabaseTest cluster;
    final MysqlAdminEndpoint admin = MariaDbServer.get().admin();

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, TestStores.jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        cluster = new ChildDatabaseTest();
        cluster.broker = broker;
        cluster.osb = osb;
        cluster.repository = new DeploymentRepository(data.resolve("deployments.git"));
        String id = UUID.randomUUID().toString();
        assertThat(osb.put(
                                ChildDatabaseTest.path(id) + "?accepts_incomplete=true",
                                ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, Map.of()))
                        .status())
                .isEqualTo(202);
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        assertThat(cluster.report(id, outputs).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    Answer create(String child, String name) {
        return osb.put(
                ChildDatabaseTest.path(child),
                ChildDatabaseTest.childBody(DB_100MB, Map.of("cluster", "my-cluster"), name));
    }

    Answer bind(String child) {
        return osb.put(
                ChildDatabaseTest.bindingPath(child, UUID.randomUUID().toString()),
                ChildDatabaseTest.bindBody(Map.of()));
    }

    Answer delete(String child) {
        return osb.delete(
                ChildDatabaseTest.path(child) + "?service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + DB_100MB);
    }

    static String jdbcUrl(Answer bound) {
        return ChildDatabaseTest.json(bound).get("credentials").get("jdbcUrl").asText() + "&permitMysqlScheme";
    }

    @Test
    void childrenWhoseIdsShareTheirFirst30HexDigitsShareNothing() throws SQLException {
        String prefix = UUID.randomUUID().toString().substring(0, 34);
        String one = prefix + "aa";
        String other = prefix + "bb";
        assertThat(MysqlChildDriver.legacyDatabaseName(one)).isEqualTo(MysqlChildDriver.legacyDatabaseName(other));

        assertThat(create(one, "one").status()).isEqualTo(201);
        Answer second = create(other, "other");
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(ChildDatabaseTest.databases())
                .contains(MysqlChildDriver.databaseName(one), MysqlChildDriver.databaseName(other))
                .doesNotContain(MysqlChildDriver.legacyDatabaseName(one));

        Answer bound = bind(one);
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        assertThat(ChildDatabaseTest.json(bound).get("credentials").get("name").asText())
                .isEqualTo(MysqlChildDriver.databaseName(one));
        try (Connection app = DriverManager.getConnection(jdbcUrl(bound));
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE kept (v INT)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }

        assertThat(delete(other).status()).isEqualTo(200);
        assertThat(ChildDatabaseTest.databases()).doesNotContain(MysqlChildDriver.databaseName(other));
        try (Connection app = DriverManager.getConnection(jdbcUrl(bound));
                Statement statement = app.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        assertThat(delete(one).status()).isEqualTo(200);
    }

    @Test
    void aDatabaseTheBrokerDoesNotKnowIsNeverAdopted() throws SQLException {
        String child = UUID.randomUUID().toString();
        String database = MysqlChildDriver.databaseName(child);
        try (MysqlChildDriver driver = new MysqlChildDriver(Duration.ofSeconds(10))) {
            driver.createDatabase(admin, database, new DatabaseCharacterSet("utf8mb4", null));
        }
        try (Connection connection = MariaDbServer.get().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE `" + database + "`.foreign_data (v INT)");
        }

        Answer refused = osb.putUnchecked(
                ChildDatabaseTest.path(child),
                ChildDatabaseTest.childBody(DB_100MB, Map.of("cluster", "my-cluster"), "mine"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
        assertThat(refused.text("description")).contains(database).contains("already exists");
        // the refused child left no row, and the foreign database is as it was
        assertThat(osb.get(ChildDatabaseTest.path(child)).status()).isEqualTo(404);
        assertThat(tables(database)).containsExactly("foreign_data");
        try (Connection connection = MariaDbServer.get().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE `" + database + "`");
        }
    }

    @Test
    void aChildCreatedBeforeVersion9KeepsItsDatabaseName() throws SQLException {
        String child = UUID.randomUUID().toString();
        assertThat(create(child, "old").status()).isEqualTo(201);
        // as an older broker left it: its row says name_scheme 1, its database has the 30-digit name
        String legacy = MysqlChildDriver.legacyDatabaseName(child);
        try (Connection state = broker.bean(javax.sql.DataSource.class).getConnection();
                PreparedStatement update =
                        state.prepareStatement("UPDATE service_instance SET name_scheme = 1 WHERE id = ?")) {
            update.setString(1, child);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        try (Connection connection = MariaDbServer.get().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE `" + MysqlChildDriver.databaseName(child) + "`");
            statement.execute("CREATE DATABASE `" + legacy + "`");
        }

        Answer bound = bind(child);
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        assertThat(ChildDatabaseTest.json(bound).get("credentials").get("name").asText())
                .isEqualTo(legacy);
        try (Connection app = DriverManager.getConnection(jdbcUrl(bound));
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
        }
        assertThat(delete(child).status()).isEqualTo(200);
        assertThat(ChildDatabaseTest.databases()).doesNotContain(legacy);
    }

    private static java.util.List<String> tables(String database) throws SQLException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection connection = MariaDbServer.get().adminConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
