package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.InstanceStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children of the {@code delegate} driver over HTTP: the MySQL offering's {@code database} plan forwards provision,
 * bind, unbind and deprovision to the cluster's own broker, which here is a <em>second broker process</em> (this
 * project's broker in its own JVM, serving the {@code p-mysql} test offering whose {@code default} plan uses the
 * {@code mysql} driver on a real MariaDB). The cluster broker's answers are mirrored (created, refused with its
 * description, unreachable as a 502 leaving nothing behind), and the 202 / last_operation path is exercised against a
 * small real HTTP peer that answers asynchronously.
 */
class DelegateChildTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String DELEGATED = ChildDatabaseTest.DELEGATED;

    @TempDir
    static Path shared;

    static @Nullable ClusterBrokerProcess clusterBroker;

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;

    @BeforeAll
    static void startClusterBroker() {
        ClusterBrokerProcess started =
                ClusterBrokerProcess.start(TestBundles.clusterBrokerBundle(), shared.resolve("cluster-broker"));
        clusterBroker = started;
        // the cluster broker's own cluster, in the same space and with the same name: the forwarded `cluster`
        // parameter resolves there
        OsbClient remote = started.client();
        String cluster = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", started.catalogId("p-mysql", null));
        body.put("plan_id", started.catalogId("p-mysql", "cluster"));
        body.put("context", ClusterLifeContract.context("my-cluster"));
        body.put("parameters", Map.of());
        Answer created = remote.put(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Answer reported = report(started.repository(), cluster, outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
    }

    @AfterAll
    static void stopClusterBroker() {
        if (clusterBroker != null) {
            clusterBroker.close();
        }
    }

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.delegatingMysqlBundle(), data, TestStores.jdbcUrl(data), Map.of())
                .start();
        osb = new OsbClient(broker::baseUrl);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aDelegatedDatabaseIsAnInstanceOfTheClusterBrokerAndItsBindingsConnect() throws SQLException {
        ClusterBrokerProcess remote = remote();
        String cluster = readyCluster("my-cluster", remote.baseUrl());
        String child = UUID.randomUUID().toString();

        Answer created = osb.put(path(child), childBody(Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Answer there = remote.client().get(path(child));
        assertThat(there.status()).as(there.toString()).isEqualTo(200);
        assertThat(ChildDatabaseTest.json(there).get("plan_id").asText())
                .isEqualTo(remote.catalogId("p-mysql", "default"));
        assertThat(ChildDatabaseTest.json(there)
                        .get("parameters")
                        .get("cluster")
                        .asText())
                .isEqualTo("my-cluster");
        String database = MysqlChildDriver.databaseName(child);
        assertThat(ChildDatabaseTest.databases()).contains(database);
        assertThat(osb.put(path(child), childBody(Map.of("cluster", "my-cluster"), "my-db"))
                        .status())
                .isEqualTo(200);

        Answer refused = deleteCluster(cluster);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("description")).contains("guid=" + child);

        String binding = UUID.randomUUID().toString();
        Answer bound = osb.put(bindingPath(child, binding), bindBody(Map.of()));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        JsonNode credentials = ChildDatabaseTest.json(bound).get("credentials");
        assertThat(credentials.get("name").asText()).isEqualTo(database);
        String jdbcUrl = credentials.get("jdbcUrl").asText() + "&permitMysqlScheme";
        try (Connection app = DriverManager.getConnection(jdbcUrl);
                Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(64))");
            statement.execute("INSERT INTO customer VALUES (1, 'Ada')");
            try (ResultSet rows = statement.executeQuery("SELECT name FROM customer WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Ada");
            }
        }
        Answer again = osb.put(bindingPath(child, binding), bindBody(Map.of()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(ChildDatabaseTest.json(again).get("credentials")).isEqualTo(credentials);
        String sealed = broker.bean(BindingStore.class)
                .findBinding(binding)
                .orElseThrow()
                .sealedCredentials();
        assertThat(sealed)
                .isNotNull()
                .doesNotContain(credentials.get("password").asText());

        Answer unbound = osb.delete(bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DELEGATED);
        assertThat(unbound.status()).as(unbound.toString()).isEqualTo(200);
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl).close()).isInstanceOf(SQLException.class);
        assertThat(osb.delete(bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DELEGATED)
                        .status())
                .isEqualTo(410);

        Answer deleted = osb.delete(path(child) + "?service_id=" + SERVICE + "&plan_id=" + DELEGATED);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(ChildDatabaseTest.databases()).doesNotContain(database);
        assertThat(remote.client().get(path(child)).status()).isEqualTo(404);
        assertThat(deleteCluster(cluster).status()).isEqualTo(202);
    }

    @Test
    void aParameterTheClusterBrokerRefusesIsRefusedWithItsDescriptionAndLeavesNoChild() {
        String cluster = readyCluster("my-cluster", remote().baseUrl());
        String child = UUID.randomUUID().toString();
        // the MySQL offering accepts this collation; the cluster broker's offering wants utf8mb4_*
        Answer refused = osb.put(
                path(child), childBody(Map.of("cluster", "my-cluster", "collation", "latin1_swedish_ci"), "db"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text("description"))
                .startsWith("cluster my-cluster's broker refused: ")
                .contains("collation");
        assertThat(broker.bean(InstanceStore.class).findInstance(child)).isEmpty();
        assertThat(remote().client().get(path(child)).status()).isEqualTo(404);
        assertThat(deleteCluster(cluster).status()).isEqualTo(202);
    }

    @Test
    void anUnreachableClusterBrokerIsA502NamingItAndLeavesNoChild() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        String cluster = readyCluster("down-cluster", url);
        String child = UUID.randomUUID().toString();
        Answer failed = osb.putUnchecked(path(child), childBody(Map.of("cluster", "down-cluster"), "my-db"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(failed.text("description"))
                .contains("down-cluster")
                .contains(url)
                .doesNotContain(ClusterBrokerProcess.PASSWORD);
        assertThat(broker.bean(InstanceStore.class).findInstance(child)).isEmpty();
        assertThat(deleteCluster(cluster).status()).isEqualTo(202);
    }

    @Test
    void asynchronousAnswersAreMirroredAndTheirLastOperationsForwarded() throws IOException {
        AsyncClusterBroker fake = new AsyncClusterBroker();
        try {
            String cluster = readyCluster("async-cluster", fake.url());
            String child = UUID.randomUUID().toString();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("cluster", "async-cluster");
            parameters.put("cluster-space", ClusterLifeContract.SPACE);
            Answer accepted = osb.put(path(child) + "?accepts_incomplete=true", childBody(parameters, "async-db"));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String operation = accepted.text("operation");
            assertThat(operation).isNotBlank().isNotEqualTo("remote-create");

            Request put = fake.requests.get(fake.requests.size() - 1);
            assertThat(put.method() + " " + put.path())
                    .isEqualTo("PUT /v2/service_instances/" + child + "?accepts_incomplete=true");
            assertThat(put.headers().get("x-broker-api-version")).isEqualTo("2.17");
            assertThat(put.headers().get("authorization"))
                    .isEqualTo(OsbClient.basic("async-admin", "async-password-0123456789"));
            assertThat(put.headers().get("x-broker-api-originating-identity"))
                    .isEqualTo(OsbClient.originatingIdentity("user-1234"));
            assertThat(put.headers().get("x-broker-api-request-identity")).isNotBlank();
            JsonNode sent = OsbClient.JSON.readTree(put.body());
            assertThat(sent.get("context").get("instance_name").asText()).isEqualTo("async-db");
            assertThat(sent.get("context").get("space_guid").asText()).isEqualTo(ClusterLifeContract.SPACE);
            assertThat(sent.get("parameters").get("cluster").asText()).isEqualTo("async-cluster");
            assertThat(sent.get("parameters").has("cluster-space")).isFalse();

            assertThat(deleteCluster(cluster).status())
                    .as("a child being created counts")
                    .isEqualTo(400);
            Answer first = lastOperation(child, operation);
            assertThat(first.text("state")).as(first.toString()).isEqualTo("in progress");
            assertThat(fake.lastQuery).contains("operation=remote-create");
            Answer second = lastOperation(child, operation);
            assertThat(second.text("state")).as(second.toString()).isEqualTo("succeeded");
            assertThat(osb.get(path(child)).status()).isEqualTo(200);

            String binding = UUID.randomUUID().toString();
            Answer bindAccepted = osb.put(bindingPath(child, binding) + "?accepts_incomplete=true", bindBody(Map.of()));
            assertThat(bindAccepted.status()).as(bindAccepted.toString()).isEqualTo(202);
            String bindOperation = bindAccepted.text("operation");
            Answer bindPending = osb.get(bindingPath(child, binding) + "/last_operation?operation=" + bindOperation);
            assertThat(bindPending.text("state")).as(bindPending.toString()).isEqualTo("in progress");
            assertThat(osb.get(bindingPath(child, binding)).status())
                    .as("no credentials yet")
                    .isEqualTo(404);
            Answer bindDone = osb.get(bindingPath(child, binding) + "/last_operation?operation=" + bindOperation);
            assertThat(bindDone.text("state")).as(bindDone.toString()).isEqualTo("succeeded");
            Answer fetched = osb.get(bindingPath(child, binding));
            assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
            assertThat(ChildDatabaseTest.json(fetched)
                            .get("credentials")
                            .get("password")
                            .asText())
                    .isEqualTo("fake-password");

            Answer unbindAccepted = osb.delete(bindingPath(child, binding) + "?accepts_incomplete=true&service_id="
                    + SERVICE + "&plan_id=" + DELEGATED);
            assertThat(unbindAccepted.status()).as(unbindAccepted.toString()).isEqualTo(202);
            osb.get(bindingPath(child, binding) + "/last_operation?operation=" + unbindAccepted.text("operation"));
            Answer unbindDone = osb.get(
                    bindingPath(child, binding) + "/last_operation?operation=" + unbindAccepted.text("operation"));
            assertThat(unbindDone.text("state")).as(unbindDone.toString()).isEqualTo("succeeded");

            Answer deleteAccepted = osb.delete(
                    path(child) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + DELEGATED);
            assertThat(deleteAccepted.status()).as(deleteAccepted.toString()).isEqualTo(202);
            assertThat(deleteCluster(cluster).status())
                    .as("a child being deleted counts")
                    .isEqualTo(400);
            assertThat(lastOperation(child, deleteAccepted.text("operation")).text("state"))
                    .isEqualTo("in progress");
            Answer deleteDone = lastOperation(child, deleteAccepted.text("operation"));
            assertThat(deleteDone.text("state")).as(deleteDone.toString()).isEqualTo("succeeded");

            String failing = UUID.randomUUID().toString();
            fake.failCreates = true;
            Answer failingAccepted = osb.put(
                    path(failing) + "?accepts_incomplete=true",
                    childBody(Map.of("cluster", "async-cluster"), "failing-db"));
            assertThat(failingAccepted.status()).isEqualTo(202);
            lastOperation(failing, failingAccepted.text("operation"));
            Answer failed = lastOperation(failing, failingAccepted.text("operation"));
            assertThat(failed.text("state")).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.text("description")).contains("async-cluster").contains("no space left on the cluster");
            assertThat(broker.bean(InstanceStore.class).findInstance(failing)).isEmpty();
            assertThat(deleteCluster(cluster).status()).isEqualTo(202);
        } finally {
            fake.stop();
        }
    }

    // ------------------------------------------------------------------ helpers

    ClusterBrokerProcess remote() {
        ClusterBrokerProcess remote = clusterBroker;
        assertThat(remote).as("the cluster broker process").isNotNull();
        return java.util.Objects.requireNonNull(remote);
    }

    /** A ready cluster of the main broker named {@code name}, whose own broker is at {@code brokerUrl}. */
    String readyCluster(String name, String brokerUrl) {
        String cluster = UUID.randomUUID().toString();
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of());
        body.put("context", ClusterLifeContract.context(name));
        Answer created = osb.put(path(cluster) + "?accepts_incomplete=true", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("broker_url", brokerUrl);
        boolean fake = name.equals("async-cluster");
        outputs.put("broker_username", fake ? "async-admin" : ClusterBrokerProcess.USERNAME);
        outputs.put("broker_password", fake ? "async-password-0123456789" : ClusterBrokerProcess.PASSWORD);
        Answer reported = report(new DeploymentRepository(data.resolve("deployments.git")), cluster, outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        return cluster;
    }

    static Answer report(DeploymentRepository repository, String cluster, Map<String, Object> outputs) {
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + cluster;
        String pipeline = java.util.Objects.requireNonNull(
                repository.read(folder + "/operation.json"), () -> "no operation.json of " + cluster);
        assertThat(pipeline).as("pipeline of " + cluster).isNotNull();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "succeeded");
        body.put("description", "deploy succeeded");
        body.put("outputs", outputs);
        return new OsbClient(() -> "").report(ClusterLifeContract.reportUrl(pipeline), body);
    }

    Answer lastOperation(String instance, String operation) {
        return osb.get(path(instance) + "/last_operation?service_id=" + SERVICE + "&plan_id=" + DELEGATED
                + "&operation=" + operation);
    }

    Answer deleteCluster(String cluster) {
        return osb.delete(path(cluster) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL);
    }

    static String path(String id) {
        return ChildDatabaseTest.path(id);
    }

    static String bindingPath(String instance, String binding) {
        return ChildDatabaseTest.bindingPath(instance, binding);
    }

    static Map<String, Object> childBody(Map<String, Object> parameters, String name) {
        return ChildDatabaseTest.childBody(DELEGATED, parameters, name);
    }

    static Map<String, Object> bindBody(Map<String, Object> parameters) {
        Map<String, Object> body = ChildDatabaseTest.bindBody(parameters);
        body.put("plan_id", DELEGATED);
        return body;
    }

    /** One request the fake cluster broker received (header names in lower case). */
    record Request(String method, String path, Map<String, String> headers, String body) {}

    /**
     * A tiny real OSB peer on the JDK's HTTP server that answers every change with 202, then reports each operation
     * in progress once and then succeeded (or failed, when {@link #failCreates}); deletions end in 410.
     */
    static final class AsyncClusterBroker {
        final HttpServer server;
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> polls = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean failCreates;
        volatile String lastQuery = "";

        AsyncClusterBroker() throws IOException {
            server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(method, path + (query == null ? "" : "?" + query), headers, body));
            String expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString("async-admin:async-password-0123456789".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(headers.get("authorization"))) {
                send(exchange, 401, "{}");
                return;
            }
            if (path.equals("/v2/catalog")) {
                send(
                        exchange,
                        200,
                        "{\"services\":[{\"id\":\"svc-1\",\"name\":\"p-mysql\",\"plans\":"
                                + "[{\"id\":\"plan-1\",\"name\":\"default\"}]}]}");
            } else if (path.endsWith("/last_operation")) {
                lastQuery = query == null ? "" : query;
                int poll = polls.computeIfAbsent(path + "?" + lastQuery, key -> new AtomicInteger())
                        .incrementAndGet();
                if (poll == 1) {
                    send(exchange, 200, "{\"state\":\"in progress\",\"description\":\"working\"}");
                } else if (failCreates) {
                    send(exchange, 200, "{\"state\":\"failed\",\"description\":\"no space left on the cluster\"}");
                } else if (lastQuery.contains("operation=remote-delete")) {
                    send(exchange, 410, "{}");
                } else {
                    send(exchange, 200, "{\"state\":\"succeeded\",\"description\":\"done\"}");
                }
            } else if (method.equals("GET") && path.contains("/service_bindings/")) {
                send(exchange, 200, "{\"credentials\":{\"username\":\"fake-user\",\"password\":\"fake-password\"}}");
            } else if (method.equals("PUT") && path.contains("/service_bindings/")) {
                send(exchange, 202, "{\"operation\":\"remote-bind\"}");
            } else if (method.equals("PUT")) {
                send(exchange, 202, "{\"operation\":\"remote-create\"}");
            } else if (method.equals("DELETE") && path.contains("/service_bindings/")) {
                send(exchange, 202, "{\"operation\":\"remote-unbind\"}");
            } else if (method.equals("DELETE")) {
                send(exchange, 202, "{\"operation\":\"remote-delete\"}");
            } else {
                send(exchange, 404, "{\"description\":\"no such endpoint\"}");
            }
        }

        private static void send(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
