package io.dedicate.broker.http;

import static io.dedicate.broker.http.ChildDatabaseTest.bindBody;
import static io.dedicate.broker.http.ChildDatabaseTest.bindingPath;
import static io.dedicate.broker.http.ChildDatabaseTest.childBody;
import static io.dedicate.broker.http.ChildDatabaseTest.json;
import static io.dedicate.broker.http.ChildDatabaseTest.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.drivers.MysqlQuotaSweep;
import io.dedicate.broker.drivers.QuotaCheck;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day-2 operations on databases inside a cluster, over HTTP on a real MariaDB: fetching a binding (bindings are
 * retrievable), updating a child (renames only), the database's character set and collation from the plan's driver,
 * and the plan's quota enforced by the sweep. The bundle is the real MySQL offering with the {@code 100mb} plan tuned
 * as an operator would write it: {@code quota 1MB; charset "latin1"; collation "latin1_german1_ci"} (a 1 MB quota fills
 * in a second; the other plans are unchanged).
 */
class ChildOperationsTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    /** The {@code 100mb} plan, tuned here to a 1 MB quota and latin1. */
    static final String TINY = ChildDatabaseTest.DB_100MB;
    /** The {@code 1gb} plan: no charset in its driver, so utf8mb4 and the offering's default collation. */
    static final String DB_1GB = "bb531a5e-843d-54d3-aff2-09a58a2292ff";

    static final long ONE_MB = 1L << 20;

    @TempDir
    Path data;

    @TempDir
    Path offerings;

    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;
    String cluster;

    @BeforeEach
    void start() {
        Path bundle = TunedOfferings.bundle(
                offerings,
                Map.of(
                        "driver mysql { quota 100MB }",
                        "driver mysql { quota 1MB; charset \"latin1\"; collation \"latin1_german1_ci\" }"));
        broker = new RunningBroker(
                        bundle, data, TestStores.jdbcUrl(data), Map.of("dedicate.children.quota-interval", "PT0S"))
                .start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
        cluster = readyCluster();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aBindingIsFetchedWithItsCredentialsOnlyWhileItExists() {
        String child = createChild(DB_1GB, Map.of(), "my-db");
        String binding = UUID.randomUUID().toString();
        Answer bound = osb.put(bindingPath(child, binding), bindBody(Map.of()));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);

        Answer fetched = osb.get(bindingPath(child, binding));
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(json(fetched).get("credentials")).isEqualTo(json(bound).get("credentials"));

        Answer unknown = osb.get(bindingPath(child, UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("description")).contains("does not exist");
        Answer otherInstance = osb.get(bindingPath(cluster, binding));
        assertThat(otherInstance.status()).isEqualTo(404);

        String creating = UUID.randomUUID().toString();
        broker.bean(BindingStore.class)
                .claimBinding(creating, child, MysqlChildDriver.userName(creating), "e".repeat(64));
        Answer notYet = osb.get(bindingPath(child, creating));
        assertThat(notYet.status()).as(notYet.toString()).isEqualTo(404);
        assertThat(notYet.text("description")).contains("still being created");

        assertThat(osb.delete(bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DB_1GB)
                        .status())
                .isEqualTo(200);
        assertThat(osb.get(bindingPath(child, binding)).status()).isEqualTo(404);
    }

    @Test
    void anUpdateOfAChildKeepsItsNamesCurrentAndRefusesEverythingElse() {
        String child = createChild(DB_1GB, Map.of(), "my-db");
        InstanceStore store = broker.bean(InstanceStore.class);

        Map<String, Object> context = ClusterLifeContract.context("customer-db");
        context.put("space_name", "renamed-space");
        Answer renamed = osb.patch(path(child), updateBody(null, Map.of(), context));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        InstanceRecord row = store.findInstance(child).orElseThrow();
        assertThat(row.instanceName()).isEqualTo("customer-db");
        assertThat(row.spaceName()).isEqualTo("renamed-space");
        assertThat(row.planId()).isEqualTo(DB_1GB);

        Answer planChange = osb.patch(path(child), updateBody(TINY, Map.of(), ClusterLifeContract.context("x")));
        assertThat(planChange.status()).isEqualTo(400);
        assertThat(planChange.text("description"))
                .endsWith("child plans cannot be changed (1gb to 100mb): create a new database with plan 100mb and"
                        + " move the data");
        Answer toCluster = osb.patch(path(child), updateBody(SMALL, Map.of(), null));
        assertThat(toCluster.status()).isEqualTo(400);
        assertThat(toCluster.text("description")).contains("cannot become a cluster");
        Answer parameters =
                osb.patch(path(child), updateBody(null, Map.of("collation", "utf8mb4_bin", "cluster", "other"), null));
        assertThat(parameters.status()).isEqualTo(400);
        assertThat(parameters.text("description"))
                .contains("parameters cluster, collation cannot be changed on database " + child);

        InstanceRecord after = store.findInstance(child).orElseThrow();
        assertThat(after.instanceName()).as("refused updates change nothing").isEqualTo("customer-db");
        assertThat(after.planId()).isEqualTo(DB_1GB);
        assertThat(after.parametersJson()).isEqualTo(row.parametersJson());
    }

    @Test
    void theDatabaseGetsTheCharacterSetAndCollationOfItsPlanOrOfTheRequest() throws SQLException {
        String latin = createChild(TINY, Map.of(), "latin-db");
        assertThat(charset(latin)).containsExactly("latin1", "latin1_german1_ci");
        String swedish = createChild(TINY, Map.of("collation", "latin1_swedish_ci"), "swedish-db");
        assertThat(charset(swedish)).containsExactly("latin1", "latin1_swedish_ci");
        String unicode = createChild(DB_1GB, Map.of(), "unicode-db");
        assertThat(charset(unicode)).containsExactly("utf8mb4", "utf8mb4_unicode_ci");
        String binary = createChild(DB_1GB, Map.of("collation", "utf8mb4_bin"), "binary-db");
        assertThat(charset(binary)).containsExactly("utf8mb4", "utf8mb4_bin");

        String refusedId = UUID.randomUUID().toString();
        Answer refused = osb.put(
                path(refusedId),
                childBody(TINY, Map.of("cluster", "my-cluster", "collation", "utf8mb4_bin"), "refused-db"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("description"))
                .endsWith("parameter `collation`: collation 'utf8mb4_bin' is not a collation of character set"
                        + " latin1: use one whose name starts with latin1_ (e.g. latin1_bin)");
        assertThat(broker.bean(InstanceStore.class).findInstance(refusedId)).isEmpty();
        assertThat(ChildDatabaseTest.databases()).doesNotContain(MysqlChildDriver.databaseName(refusedId));
    }

    @Test
    void aDatabaseOverItsQuotaRefusesWritesUntilRowsAreDeleted() throws Exception {
        String child = createChild(TINY, Map.of(), "tiny-db");
        String big = createChild(DB_1GB, Map.of(), "big-db");
        String writerUrl = bind(child, Map.of());
        String readerUrl = bind(child, Map.of("read_only", true));
        String bigUrl = bind(big, Map.of());
        MysqlQuotaSweep sweep = broker.bean(MysqlQuotaSweep.class);
        try (Connection app = connect(writerUrl);
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE files (id INT PRIMARY KEY, content LONGBLOB)");
            statement.execute("INSERT INTO files VALUES (0, 'first')");
        }
        try (Connection app = connect(bigUrl);
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE files (id INT PRIMARY KEY, content LONGBLOB)");
        }
        assertThat(sweep.runOnce())
                .allSatisfy(check -> assertThat(check.changed()).isFalse());

        try (Connection app = connect(writerUrl);
                PreparedStatement insert = app.prepareStatement("INSERT INTO files VALUES (?, ?)")) {
            for (int i = 1; i <= 40; i++) {
                insert.setInt(1, i);
                insert.setBytes(2, new byte[50_000]);
                insert.execute();
            }
        }
        analyze(child);
        List<QuotaCheck> over = sweep.runOnce();
        assertThat(over)
                .filteredOn(check -> check.database().equals(MysqlChildDriver.databaseName(child)))
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.overQuota()).isTrue();
                    assertThat(check.quotaBytes()).isEqualTo(ONE_MB);
                    assertThat(check.revokedFrom()).hasSize(1);
                });
        assertThat(over)
                .filteredOn(check -> check.database().equals(MysqlChildDriver.databaseName(big)))
                .singleElement()
                .satisfies(check -> assertThat(check.overQuota()).isFalse());
        try (Connection app = connect(writerUrl);
                Statement statement = app.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO files VALUES (100, 'more')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("INSERT command denied");
            assertThat(count(statement)).isEqualTo(41);
            statement.execute("DELETE FROM files WHERE id > 0");
        }
        try (Connection app = connect(bigUrl);
                Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO files VALUES (1, 'another database is not affected')");
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        @Nullable QuotaCheck back = null;
        while (back == null || back.overQuota()) {
            assertThat(System.nanoTime()).as("back under quota: " + back).isLessThan(deadline);
            Thread.sleep(back == null ? 0 : 200);
            back = sweep.runOnce().stream()
                    .filter(check -> check.database().equals(MysqlChildDriver.databaseName(child)))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(back.restoredTo()).hasSize(1);
        try (Connection app = connect(writerUrl);
                Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO files VALUES (100, 'more')");
            assertThat(count(statement)).isEqualTo(2);
        }
        try (Connection app = connect(readerUrl);
                Statement statement = app.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO files VALUES (200, 'no')"))
                    .as("read-only bindings stay read-only")
                    .isInstanceOf(SQLException.class);
        }
    }

    // ------------------------------------------------------------------ helpers

    private String createChild(String plan, Map<String, Object> parameters, String name) {
        String child = UUID.randomUUID().toString();
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put("cluster", "my-cluster");
        Answer created = osb.put(path(child), childBody(plan, all, name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return child;
    }

    private String bind(String child, Map<String, Object> parameters) {
        Answer bound = osb.put(bindingPath(child, UUID.randomUUID().toString()), bindBody(parameters));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        return json(bound).get("credentials").get("jdbcUrl").asText();
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl + "&permitMysqlScheme");
    }

    private static Map<String, Object> updateBody(
            @Nullable String plan, Map<String, Object> parameters, @Nullable Map<String, Object> context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        if (plan != null) {
            body.put("plan_id", plan);
        }
        if (context != null) {
            body.put("context", context);
        }
        body.put("parameters", parameters);
        return body;
    }

    /** Character set and collation of the child's database, as MariaDB reports them. */
    private static List<String> charset(String child) throws SQLException {
        try (Connection connection = MariaDbServer.get().adminConnection();
                PreparedStatement query = connection.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME,"
                        + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            query.setString(1, MysqlChildDriver.databaseName(child));
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("database of " + child).isTrue();
                return List.of(rows.getString(1), rows.getString(2));
            }
        }
    }

    /** What InnoDB's background statistics recalculation does a moment later, at once. */
    private static void analyze(String child) throws SQLException {
        try (Connection connection = MariaDbServer.get().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE TABLE `" + MysqlChildDriver.databaseName(child) + "`.files");
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM files")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A cluster created over HTTP whose deploy report points at the test MariaDB. */
    private String readyCluster() {
        String id = UUID.randomUUID().toString();
        Answer accepted =
                osb.put(path(id) + "?accepts_incomplete=true", ClusterLifeContract.provisionBody(SMALL, Map.of()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + id;
        String pipeline = file(folder + "/operation.json");
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "succeeded");
        body.put("description", "deploy succeeded");
        body.put("outputs", outputs);
        Answer reported = new OsbClient(() -> "").report(ClusterLifeContract.reportUrl(pipeline), body);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        return id;
    }

    private String file(String path) {
        @Nullable String content = repository.read(path);
        assertThat(content).as(path + " in the deployment repository").isNotNull();
        return content == null ? "" : content;
    }
}
