package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlAdminEndpoint;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.BindingStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases inside a dedicated cluster over HTTP, with the {@code mysql} driver on a real MariaDB that plays the
 * cluster: the cluster's pipeline reports the MariaDB's admin endpoint as its outputs, a child is created by naming
 * the cluster, bound, and the application's credentials really connect; unbind and delete really remove the user and
 * the database; the cluster cannot be deleted while a child lives.
 */
class ChildDatabaseTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    /** The {@code 100mb} child plan ({@code mysql} driver). */
    static final String DB_100MB = "90e99e45-8911-5351-991f-2fb012d1f0ce";
    /** The {@code database} child plan ({@code delegate} driver). */
    static final String DELEGATED = "208335a1-c29f-5695-98a7-7b223c68b9f9";

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.delegatingMysqlBundle(), data, TestStores.jdbcUrl(data), Map.of())
                .start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aDatabaseLivesInsideItsClusterAndItsBindingsConnect() throws SQLException {
        MysqlAdminEndpoint admin = MariaDbServer.get().admin();
        String cluster = UUID.randomUUID().toString();
        assertThat(osb.put(
                                path(cluster) + "?accepts_incomplete=true",
                                ClusterLifeContract.provisionBody(SMALL, Map.of()))
                        .status())
                .isEqualTo(202);

        String child = UUID.randomUUID().toString();
        Answer tooEarly = osb.put(path(child), childBody(DB_100MB, Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(400);
        assertThat(tooEarly.text("description")).contains("my-cluster").contains("still being created");

        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Answer reported = report(cluster, outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);

        Answer unknown = osb.put(path(child), childBody(DB_100MB, Map.of("cluster", "no-such-cluster"), "my-db"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("description")).contains("no cluster named no-such-cluster in space my-space");
        Answer delegated =
                osb.putUnchecked(path(child), childBody(DELEGATED, Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(delegated.status()).isEqualTo(502);
        assertThat(delegated.text("description")).contains("my-cluster").contains("`broker_url`");
        Answer otherSpace = osb.put(
                path(child), childBody(DB_100MB, Map.of("cluster", "my-cluster", "cluster-space", "elsewhere"), "x"));
        assertThat(otherSpace.status()).isEqualTo(400);

        Answer created = osb.put(path(child), childBody(DB_100MB, Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String database = MysqlChildDriver.databaseName(child);
        assertThat(databases()).contains(database);
        assertThat(osb.put(path(child), childBody(DB_100MB, Map.of("cluster", "my-cluster"), "my-db"))
                        .status())
                .isEqualTo(200);
        Answer fetched = osb.get(path(child));
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(json(fetched).get("plan_id").asText()).isEqualTo(DB_100MB);
        assertThat(json(fetched).get("parameters").get("cluster").asText()).isEqualTo("my-cluster");
        assertThat(json(fetched).get("dashboard_url").asText()).contains(cluster);
        String byGuid = UUID.randomUUID().toString();
        Answer createdByGuid = osb.put(path(byGuid), childBody(DB_100MB, Map.of("cluster", cluster), "other-db"));
        assertThat(createdByGuid.status()).as(createdByGuid.toString()).isEqualTo(201);

        Answer refused = deleteCluster(cluster);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("description"))
                .startsWith("can not delete cluster service instance with child service instances (")
                .contains("guid=" + child)
                .contains("guid=" + byGuid)
                .endsWith("Use dashboard to list all child service instance details.");

        String binding = UUID.randomUUID().toString();
        Answer bound = osb.put(bindingPath(child, binding), bindBody(Map.of()));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        JsonNode credentials = json(bound).get("credentials");
        assertThat(credentials.get("name").asText()).isEqualTo(database);
        assertThat(credentials.get("hostname").asText()).isEqualTo(admin.host());
        assertThat(credentials.get("port").asInt()).isEqualTo(admin.port());
        String jdbcUrl = credentials.get("jdbcUrl").asText();
        assertThat(jdbcUrl).startsWith("jdbc:mysql://");
        try (Connection app = DriverManager.getConnection(jdbcUrl + "&permitMysqlScheme");
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(64))");
            statement.execute("INSERT INTO customer VALUES (1, 'Ada')");
            try (ResultSet rows = statement.executeQuery("SELECT name FROM customer WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Ada");
            }
        }
        Answer ownPassword =
                osb.put(bindingPath(child, UUID.randomUUID().toString()), bindBody(Map.of("password", "x".repeat(20))));
        assertThat(ownPassword.status()).isEqualTo(400);
        assertThat(ownPassword.text("description")).contains("password").contains("not supported yet");
        Answer reader = osb.put(bindingPath(child, UUID.randomUUID().toString()), bindBody(Map.of("read_only", true)));
        assertThat(reader.status()).as(reader.toString()).isEqualTo(201);
        try (Connection app = DriverManager.getConnection(
                        json(reader).get("credentials").get("jdbcUrl").asText() + "&permitMysqlScheme");
                Statement statement = app.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM customer")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> statement.execute("INSERT INTO customer VALUES (2, 'Bob')"))
                    .isInstanceOf(SQLException.class);
        }
        Answer again = osb.put(bindingPath(child, binding), bindBody(Map.of()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(json(again).get("credentials")).isEqualTo(credentials);
        assertThat(osb.put(bindingPath(child, binding), bindBody(Map.of("read_only", true)))
                        .status())
                .isEqualTo(409);
        String sealed = broker.bean(BindingStore.class)
                .findBinding(binding)
                .orElseThrow()
                .sealedCredentials();
        assertThat(sealed)
                .isNotNull()
                .doesNotContain(credentials.get("password").asText());

        Answer unbound = osb.delete(bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB);
        assertThat(unbound.status()).as(unbound.toString()).isEqualTo(200);
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl + "&permitMysqlScheme")
                        .close())
                .isInstanceOf(SQLException.class);
        assertThat(osb.delete(bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB)
                        .status())
                .isEqualTo(410);

        Answer deleted = osb.delete(path(child) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(databases()).doesNotContain(database);
        assertThat(osb.delete(path(child) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB)
                        .status())
                .isEqualTo(410);
        Answer stillRefused = deleteCluster(cluster);
        assertThat(stillRefused.status()).isEqualTo(400);
        assertThat(stillRefused.text("description")).contains("guid=" + byGuid).doesNotContain(child);

        assertThat(osb.delete(path(byGuid) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB)
                        .status())
                .isEqualTo(200);
        Answer accepted = deleteCluster(cluster);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        Answer late = osb.put(
                path(UUID.randomUUID().toString()), childBody(DB_100MB, Map.of("cluster", "my-cluster"), "late-db"));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.text("description")).contains("being deleted");
    }

    @Test
    void noDatabaseIsCreatedInAFailedCluster() {
        String cluster = UUID.randomUUID().toString();
        assertThat(osb.put(
                                path(cluster) + "?accepts_incomplete=true",
                                ClusterLifeContract.provisionBody(SMALL, Map.of()))
                        .status())
                .isEqualTo(202);
        assertThat(report(cluster, "failed", Map.of()).status()).isEqualTo(200);
        String child = UUID.randomUUID().toString();
        Answer refused = osb.put(path(child), childBody(DB_100MB, Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text("description")).contains("my-cluster").contains("failed to be created");
        Answer bound = osb.put(bindingPath(cluster, UUID.randomUUID().toString()), bindBody(Map.of()));
        assertThat(bound.status()).isEqualTo(422);
        assertThat(deleteCluster(cluster).status()).isEqualTo(202);
    }

    // ------------------------------------------------------------------ helpers

    static String path(String id) {
        return ClusterLifeContract.instancePath(id);
    }

    static String bindingPath(String instance, String binding) {
        return path(instance) + "/service_bindings/" + binding;
    }

    static Map<String, Object> childBody(String plan, Map<String, Object> parameters, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        body.put("plan_id", plan);
        body.put("context", ClusterLifeContract.context(name));
        body.put("parameters", parameters);
        return body;
    }

    static Map<String, Object> bindBody(Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        body.put("plan_id", DB_100MB);
        body.put("bind_resource", Map.of("app_guid", "app-1"));
        body.put("parameters", parameters);
        return body;
    }

    Answer deleteCluster(String cluster) {
        return osb.delete(path(cluster) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL);
    }

    /** Posts the deploy report of {@code cluster} as its pipeline's last step would, with {@code outputs}. */
    Answer report(String cluster, Map<String, Object> outputs) {
        return report(cluster, "succeeded", outputs);
    }

    /** Posts the deploy report of {@code cluster} ending in {@code state}, with {@code outputs}. */
    Answer report(String cluster, String state, Map<String, Object> outputs) {
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + cluster;
        String pipeline = file(folder + "/operation.json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("description", "deploy " + state);
        body.put("outputs", outputs);
        return new OsbClient(() -> "").report(ClusterLifeContract.reportUrl(pipeline), body);
    }

    String file(String path) {
        @Nullable String content = repository.read(path);
        assertThat(content).as(path + " in the deployment repository").isNotNull();
        return content == null ? "" : content;
    }

    static JsonNode json(Answer answer) {
        JsonNode json = answer.json();
        assertThat(json).as(answer.toString()).isNotNull();
        return json == null ? OsbClient.JSON.nullNode() : json;
    }

    static java.util.List<String> databases() throws SQLException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection connection = MariaDbServer.get().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW DATABASES")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
