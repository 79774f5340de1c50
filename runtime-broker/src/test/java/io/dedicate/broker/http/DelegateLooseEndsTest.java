package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dedicate.broker.drivers.DelegatedChildren;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.BindingStatus;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.DelegatedOperation;
import io.dedicate.broker.state.DelegatedOperation.Kind;
import io.dedicate.broker.state.DelegatedOperationStore;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.StateDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code delegate} driver's loose ends, over HTTP against a small real OSB peer (the JDK's HTTP server) playing
 * the cluster's broker: bind and unbind forward the platform's {@code accepts_incomplete}, {@code bind_resource} and
 * {@code context} as sent (a 422 AsyncRequired is passed on); a delegated operation the cluster broker never finishes
 * (or that went away) fails at its deadline, whether the platform polls or the periodic pass finds it, with the effect
 * of a reported failure; a delegated child whose cluster row vanished can still be unbound and deleted, with a warning.
 * The operation timeout is three seconds here so that deadlines pass while the test waits.
 */
class DelegateLooseEndsTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String DELEGATED = ChildDatabaseTest.DELEGATED;
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final String PEER_USER = "peer-admin";
    static final String PEER_PASSWORD = "peer-password-0123456789";

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;
    Peer peer;

    @BeforeEach
    void start() throws IOException {
        peer = new Peer();
        broker = new RunningBroker(
                        TestBundles.delegatingMysqlBundle(),
                        data,
                        TestStores.jdbcUrl(data),
                        Map.of("dedicate.default-operation-timeout", TIMEOUT.toString()))
                .start();
        osb = new OsbClient(broker::baseUrl);
    }

    @AfterEach
    void stop() {
        broker.close();
        peer.stop();
    }

    // ------------------------------------------------------------------ 1, 2: what a bind forwards

    @Test
    void bindAndUnbindForwardThePlatformsFlagBindResourceAndContextAndAsyncRequiredIsPassedOn() throws IOException {
        readyCluster("peer-cluster");
        String child = createdChild("peer-cluster");

        String binding = UUID.randomUUID().toString();
        Map<String, Object> body = bindBody();
        Answer bound = osb.put(DelegateChildTest.bindingPath(child, binding), body);
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        Request put = peer.last("PUT");
        assertThat(put.target())
                .isEqualTo("/v2/service_instances/" + child + "/service_bindings/" + binding
                        + "?accepts_incomplete=false");
        JsonNode sent = OsbClient.JSON.readTree(put.body());
        assertThat(sent.get("bind_resource")).isEqualTo(OsbClient.JSON.valueToTree(body.get("bind_resource")));
        assertThat(sent.get("context").get("platform").asText()).isEqualTo("cloudfoundry");
        assertThat(sent.get("context").get("space_guid").asText()).isEqualTo(ClusterLifeContract.SPACE);
        assertThat(sent.get("context").get("instance_name").asText()).isEqualTo("bound-app");

        Answer unbound = osb.delete(
                DelegateChildTest.bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DELEGATED);
        assertThat(unbound.status()).as(unbound.toString()).isEqualTo(200);
        assertThat(peer.last("DELETE").target()).contains("?accepts_incomplete=false&");

        peer.asyncRequired = true;
        String other = UUID.randomUUID().toString();
        Answer refused = osb.put(DelegateChildTest.bindingPath(child, other), bindBody());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("error")).isEqualTo("AsyncRequired");
        assertThat(refused.text("description")).contains("peer-cluster").contains("binding needs accepts_incomplete");
        assertThat(broker.bean(BindingStore.class).findBinding(other))
                .hasValueSatisfying(b -> assertThat(b.status()).isEqualTo(BindingStatus.DELETED));
        Answer accepted = osb.put(DelegateChildTest.bindingPath(child, other) + "?accepts_incomplete=true", bindBody());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(peer.last("PUT").target()).endsWith("?accepts_incomplete=true");
    }

    // ------------------------------------------------------------------ 3: deadlines

    @Test
    void anOperationTheClusterBrokerNeverFinishesFailsAtItsDeadlineWhenPolledAndDiscardsTheChild() throws Exception {
        String cluster = readyCluster("slow-cluster");
        peer.asyncCreates = true;
        String child = UUID.randomUUID().toString();
        Answer accepted = osb.put(
                DelegateChildTest.path(child) + "?accepts_incomplete=true",
                DelegateChildTest.childBody(Map.of("cluster", "slow-cluster"), "slow-db"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String operation = accepted.text("operation");
        assertThat(lastOperation(child, operation).text("state")).isEqualTo("in progress");
        assertThat(deleteCluster(cluster).status()).isEqualTo(400);
        String dashboard = accepted.text("dashboard_url");
        assertThat(page(dashboard)).contains("creating (cluster broker)");

        DelegatedOperation stored = operations().find(operation).orElseThrow();
        assertThat(stored.deadline()).isEqualTo(stored.startedAt().plus(TIMEOUT));
        waitPast(stored.deadline());

        Answer failed = lastOperation(child, operation);
        assertThat(failed.text("state")).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.text("description"))
                .startsWith("the cluster broker of cluster slow-cluster did not finish within PT3S: ")
                .contains("still working");
        assertThat(broker.bean(InstanceStore.class).findInstance(child)).isEmpty();
        assertThat(lastOperation(child, operation).text("state"))
                .as("it stays failed")
                .isEqualTo("failed");
        assertThat(page(dashboard)).doesNotContain("(cluster broker)").doesNotContain(child);
        assertThat(deleteCluster(cluster).status()).as("no child is left").isEqualTo(202);
    }

    @Test
    void theRecoveryPassFailsOverdueOperationsOfABrokerThatWentAwayAndADeleteThatTimedOutLeavesTheChild()
            throws Exception {
        String cluster = readyCluster("vanishing-cluster");
        String child = createdChild("vanishing-cluster");
        peer.asyncChanges = true;
        String binding = UUID.randomUUID().toString();
        Answer bindAccepted =
                osb.put(DelegateChildTest.bindingPath(child, binding) + "?accepts_incomplete=true", bindBody());
        assertThat(bindAccepted.status()).as(bindAccepted.toString()).isEqualTo(202);
        Answer deleteAccepted = osb.delete(DelegateChildTest.path(child) + "?accepts_incomplete=true&service_id="
                + SERVICE + "&plan_id=" + DELEGATED);
        assertThat(deleteAccepted.status()).as(deleteAccepted.toString()).isEqualTo(202);
        peer.stop();

        DelegatedChildren delegated = broker.bean(DelegatedChildren.class);
        assertThat(delegated.failOverdue()).as("nothing is overdue yet").isZero();
        Answer pending = lastOperation(child, deleteAccepted.text("operation"));
        assertThat(pending.text("state")).isEqualTo("in progress");
        assertThat(pending.text("description")).contains("cannot be reached");
        waitPast(operations()
                .find(deleteAccepted.text("operation"))
                .orElseThrow()
                .deadline());

        assertThat(delegated.failOverdue()).isEqualTo(2);
        assertThat(delegated.failOverdue()).as("each fails once").isZero();
        Answer bindFailed = osb.get(DelegateChildTest.bindingPath(child, binding) + "/last_operation?operation="
                + bindAccepted.text("operation"));
        assertThat(bindFailed.text("state")).isEqualTo("failed");
        assertThat(bindFailed.text("description"))
                .startsWith("the cluster broker of cluster vanishing-cluster did not finish within PT3S");
        assertThat(broker.bean(BindingStore.class).findBinding(binding))
                .hasValueSatisfying(b -> assertThat(b.status()).isEqualTo(BindingStatus.DELETED));
        Answer deleteFailed = lastOperation(child, deleteAccepted.text("operation"));
        assertThat(deleteFailed.text("state")).isEqualTo("failed");
        assertThat(deleteFailed.text("description"))
                .contains("did not finish within PT3S")
                .contains("cannot be reached")
                .endsWith("(nothing was deleted here: try again)");
        assertThat(broker.bean(InstanceStore.class).findInstance(child))
                .hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(InstanceStatus.READY));
        assertThat(deleteCluster(cluster).status()).as("the child still counts").isEqualTo(400);
        Answer retried = osb.deleteUnchecked(DelegateChildTest.path(child) + "?accepts_incomplete=true&service_id="
                + SERVICE + "&plan_id=" + DELEGATED);
        assertThat(retried.status()).as("tried again, on the cluster broker").isEqualTo(502);
    }

    @Test
    void deadlinesAreStampedAtStartAndOnlyOperationsInProgressPastThemAreOverdue() {
        // in the far future, so that the running broker's own recovery pass (real time) never finds them overdue
        MutableClock clock = new MutableClock(Instant.parse("2099-05-06T07:00:00Z"));
        DelegatedOperationStore operations = new DelegatedOperationStore(
                new StateDatabase(broker.bean(DataSource.class), clock), Duration.ofHours(2));
        DelegatedOperation create = operations.start("child-1", null, Kind.PROVISION, "remote");
        clock.set(Instant.parse("2099-05-06T07:01:00Z"));
        DelegatedOperation unbind = operations.start("child-1", "binding-1", Kind.UNBIND, null);
        assertThat(create.deadline()).isEqualTo(Instant.parse("2099-05-06T09:00:00Z"));
        assertThat(create.allowed()).isEqualTo(Duration.ofHours(2));
        clock.set(Instant.parse("2099-05-06T09:00:00Z"));
        assertThat(operations.overdue()).isEmpty();
        assertThat(operations.isOverdue(create)).isFalse();
        clock.set(Instant.parse("2099-05-06T09:00:01Z"));
        assertThat(operations.overdue()).extracting(DelegatedOperation::id).containsExactly(create.id());
        clock.set(Instant.parse("2099-05-06T09:01:01Z"));
        assertThat(operations.overdue()).extracting(DelegatedOperation::id).containsExactly(create.id(), unbind.id());
        assertThat(operations.isOverdue(operations.find(create.id()).orElseThrow()))
                .isTrue();
        operations.finish(unbind.id(), OperationState.SUCCEEDED, "done");
        assertThat(operations.overdue()).extracting(DelegatedOperation::id).containsExactly(create.id());
    }

    // ------------------------------------------------------------------ 4: a vanished cluster

    @Test
    void aDelegatedChildWhoseClusterRowVanishedIsUnboundAndDeletedLocallyWithAWarning() {
        String cluster = readyCluster("purged-cluster");
        String child = createdChild("purged-cluster");
        String binding = UUID.randomUUID().toString();
        assertThat(osb.put(DelegateChildTest.bindingPath(child, binding), bindBody())
                        .status())
                .isEqualTo(201);
        removeClusterRow(cluster);
        int requests = peer.requests.size();

        Logger logger = (Logger) LoggerFactory.getLogger(DelegatedChildren.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Answer refused = osb.put(
                    DelegateChildTest.bindingPath(child, UUID.randomUUID().toString()), bindBody());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.text("description")).contains("its cluster " + cluster + " no longer exists");
            Answer unbound = osb.delete(
                    DelegateChildTest.bindingPath(child, binding) + "?service_id=" + SERVICE + "&plan_id=" + DELEGATED);
            assertThat(unbound.status()).as(unbound.toString()).isEqualTo(200);
            Answer deleted =
                    osb.delete(DelegateChildTest.path(child) + "?service_id=" + SERVICE + "&plan_id=" + DELEGATED);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(peer.requests).as("the cluster broker is not asked").hasSize(requests);
        assertThat(broker.bean(InstanceStore.class).findInstance(child))
                .hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(InstanceStatus.DELETED));
        assertThat(log.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("binding " + binding).contains("deleted here only"))
                .anySatisfy(m -> assertThat(m)
                        .contains("service instance " + child + " is deleted here only: its cluster " + cluster
                                + " no longer exists"));
    }

    // ------------------------------------------------------------------ helpers

    /** The HTML of a dashboard, fetched through its signed link. */
    static String page(String url) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    DelegatedOperationStore operations() {
        return new DelegatedOperationStore(
                new StateDatabase(broker.bean(DataSource.class), java.time.Clock.systemUTC()), TIMEOUT);
    }

    static void waitPast(@org.jspecify.annotations.Nullable Instant deadline) throws InterruptedException {
        assertThat(deadline).isNotNull();
        while (!Instant.now().isAfter(java.util.Objects.requireNonNull(deadline).plusMillis(50))) {
            Thread.sleep(100);
        }
    }

    String readyCluster(String name) {
        String cluster = UUID.randomUUID().toString();
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of());
        body.put("context", ClusterLifeContract.context(name));
        Answer created = osb.put(DelegateChildTest.path(cluster) + "?accepts_incomplete=true", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("broker_url", peer.url());
        outputs.put("broker_username", PEER_USER);
        outputs.put("broker_password", PEER_PASSWORD);
        Answer reported =
                DelegateChildTest.report(new DeploymentRepository(data.resolve("deployments.git")), cluster, outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        return cluster;
    }

    String createdChild(String cluster) {
        String child = UUID.randomUUID().toString();
        Answer created = osb.put(
                DelegateChildTest.path(child), DelegateChildTest.childBody(Map.of("cluster", cluster), "child-db"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return child;
    }

    static Map<String, Object> bindBody() {
        Map<String, Object> body = DelegateChildTest.bindBody(Map.of());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("app_guid", "app-1");
        resource.put("space_guid", ClusterLifeContract.SPACE);
        body.put("bind_resource", resource);
        body.put("context", ClusterLifeContract.context("bound-app"));
        return body;
    }

    Answer lastOperation(String instance, String operation) {
        return osb.get(DelegateChildTest.path(instance) + "/last_operation?service_id=" + SERVICE + "&plan_id="
                + DELEGATED + "&operation=" + operation);
    }

    Answer deleteCluster(String cluster) {
        return osb.delete(DelegateChildTest.path(cluster) + "?accepts_incomplete=true&service_id=" + SERVICE
                + "&plan_id=" + SMALL);
    }

    /** Removes a cluster's rows as an operator cleaning up after a platform purge would. */
    void removeClusterRow(String cluster) {
        JdbcClient jdbc = JdbcClient.create(broker.bean(DataSource.class));
        jdbc.sql("DELETE FROM operation_child WHERE operation_id IN (SELECT id FROM operation WHERE instance_id = :id)")
                .param("id", cluster)
                .update();
        jdbc.sql("DELETE FROM operation WHERE instance_id = :id")
                .param("id", cluster)
                .update();
        assertThat(jdbc.sql("DELETE FROM service_instance WHERE id = :id")
                        .param("id", cluster)
                        .update())
                .isEqualTo(1);
    }

    /** One request the peer received. */
    record Request(String method, String target, String body) {}

    /**
     * A real OSB peer on the JDK's HTTP server: creates and binds at once (201) unless told to answer 202, never
     * finishes an operation ("still working"), refuses a bind without {@code accepts_incomplete=true} when {@link
     * #asyncRequired}.
     */
    static final class Peer {
        final HttpServer server;
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        volatile boolean asyncCreates;
        volatile boolean asyncChanges;
        volatile boolean asyncRequired;

        Peer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        Request last(String method) {
            synchronized (requests) {
                for (int i = requests.size() - 1; i >= 0; i--) {
                    if (requests.get(i).method().equals(method)) {
                        return requests.get(i);
                    }
                }
            }
            throw new AssertionError("the peer received no " + method);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean binding = path.contains("/service_bindings/");
            boolean async = query != null && query.contains("accepts_incomplete=true");
            if (!path.equals("/v2/catalog")) {
                requests.add(new Request(method, path + (query == null ? "" : "?" + query), body));
            }
            if (path.equals("/v2/catalog")) {
                send(
                        exchange,
                        200,
                        "{\"services\":[{\"id\":\"svc-1\",\"name\":\"p-mysql\",\"plans\":"
                                + "[{\"id\":\"plan-1\",\"name\":\"default\"}]}]}");
            } else if (path.endsWith("/last_operation")) {
                send(exchange, 200, "{\"state\":\"in progress\",\"description\":\"still working\"}");
            } else if (method.equals("PUT") && binding && asyncRequired && !async) {
                send(
                        exchange,
                        422,
                        "{\"error\":\"AsyncRequired\",\"description\":\"binding needs accepts_incomplete\"}");
            } else if (method.equals("PUT") && binding) {
                if (asyncChanges || asyncRequired) {
                    send(exchange, 202, "{\"operation\":\"remote-bind\"}");
                } else {
                    send(exchange, 201, "{\"credentials\":{\"username\":\"u\",\"password\":\"p\"}}");
                }
            } else if (method.equals("PUT")) {
                send(exchange, asyncCreates ? 202 : 201, asyncCreates ? "{\"operation\":\"remote-create\"}" : "{}");
            } else if (method.equals("DELETE")) {
                send(exchange, asyncChanges ? 202 : 200, asyncChanges ? "{\"operation\":\"remote-delete\"}" : "{}");
            } else {
                send(exchange, 404, "{\"description\":\"no such endpoint\"}");
            }
        }

        private static void send(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
