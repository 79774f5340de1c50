package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dedicate.broker.drivers.ClusterBrokerClient.Answer;
import io.dedicate.broker.drivers.ClusterBrokerClient.RemotePlan;
import io.dedicate.broker.drivers.ClusterBrokerClient.RemoteState;
import io.dedicate.broker.http.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OSB client of a cluster's own broker against a real HTTP peer (the JDK's HTTP server) whose answers each test
 * sets: catalog names mapped to IDs and cached, 202 and last_operation, refusals passed on, and every failure (5xx,
 * garbage, wrong credentials, silence) turned into a message that names the cluster and the URL and never the password.
 */
class ClusterBrokerClientTest {

    static final String CATALOG = "{\"services\":[{\"id\":\"svc-1\",\"name\":\"p-mysql\",\"plans\":"
            + "[{\"id\":\"plan-1\",\"name\":\"default\"},{\"id\":\"plan-2\",\"name\":\"large\"}]}]}";
    static final String PASSWORD = "the-cluster-broker-password";

    HttpServer server;
    final AtomicInteger catalogReads = new AtomicInteger();
    volatile Reply reply = new Reply(200, "{}", 0);
    volatile String lastRequest = "";
    volatile String lastBody = "";
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ClusterBrokerClient client;
    ClusterBrokerEndpoint broker;

    record Reply(int status, String body, long delayMillis) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new ClusterBrokerClient(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(60), clock);
        broker = new ClusterBrokerEndpoint(
                "my-cluster",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                "admin",
                PASSWORD);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        lastRequest = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + " "
                + exchange.getRequestHeaders().getFirst("X-Broker-API-Version");
        lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply answer = path.equals("/v2/catalog") ? new Reply(200, CATALOG, 0) : reply;
        if (path.equals("/v2/catalog")) {
            catalogReads.incrementAndGet();
        }
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException closedByClient) {
            // the client gave up waiting
        }
    }

    @Test
    void namesMapToTheBrokersIdsAndTheCatalogIsCachedForAShortTime() {
        assertThat(client.plan(broker, "p-mysql", "large")).isEqualTo(new RemotePlan("svc-1", "plan-2"));
        assertThat(client.plan(broker, "p-mysql", "default")).isEqualTo(new RemotePlan("svc-1", "plan-1"));
        assertThat(catalogReads).hasValue(1);
        clock.advance(Duration.ofSeconds(61));
        client.plan(broker, "p-mysql", "default");
        assertThat(catalogReads).hasValue(2);
        assertThatThrownBy(() -> client.plan(broker, "p-mysql", "tiny"))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining("cluster my-cluster's broker at " + broker.url())
                .hasMessageContaining("no service `p-mysql` with a plan `tiny`")
                .hasMessageContaining("p-mysql (plans default, large)");
    }

    @Test
    void a202IsAnAnswerWithItsOperationAndLastOperationReportsTheState() {
        RemotePlan plan = new RemotePlan("svc-1", "plan-1");
        reply = new Reply(202, "{\"operation\":\"op 1/2\"}", 0);
        Answer answer = client.provision(broker, "child-1", plan, Map.of("space_guid", "s"), Map.of(), true, null);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.operation()).isEqualTo("op 1/2");
        assertThat(lastRequest).isEqualTo("PUT /v2/service_instances/child-1?accepts_incomplete=true 2.17");
        reply = new Reply(200, "{\"state\":\"in progress\",\"description\":\"half way\"}", 0);
        assertThat(client.lastOperation(broker, "child-1", plan, "op 1/2"))
                .isEqualTo(new RemoteState("in progress", "half way"));
        assertThat(lastRequest).contains("operation=op+1%2F2").contains("service_id=svc-1");
        reply = new Reply(410, "{}", 0);
        assertThat(client.lastOperation(broker, "child-1", plan, "op 1/2").state())
                .isEqualTo(RemoteState.GONE);
    }

    @Test
    void refusalsArePassedOnWithTheBrokersDescription() {
        RemotePlan plan = new RemotePlan("svc-1", "plan-1");
        reply = new Reply(422, "{\"error\":\"AsyncRequired\",\"description\":\"needs async\"}", 0);
        assertThatThrownBy(() -> client.provision(broker, "c", plan, Map.of(), Map.of(), false, null))
                .isInstanceOfSatisfying(ClusterBrokerRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(422);
                    assertThat(refusal.error()).isEqualTo("AsyncRequired");
                    assertThat(refusal.description()).isEqualTo("needs async");
                });
    }

    @Test
    void bindAndUnbindForwardThePlatformsFlagBindResourceAndContextAsGiven() {
        RemotePlan plan = new RemotePlan("svc-1", "plan-1");
        reply = new Reply(201, "{\"credentials\":{\"username\":\"u\"}}", 0);
        Map<String, Object> context = new java.util.LinkedHashMap<>();
        context.put("platform", "cloudfoundry");
        context.put("space_guid", "space-1");
        Map<String, Object> resource = new java.util.LinkedHashMap<>();
        resource.put("app_guid", "app-1");
        resource.put("space_guid", "space-1");
        Answer bound = client.bind(broker, "c", "b", plan, context, resource, Map.of("read-only", true), false, null);
        assertThat(bound.credentials()).containsEntry("username", "u");
        assertThat(lastRequest)
                .isEqualTo("PUT /v2/service_instances/c/service_bindings/b?accepts_incomplete=false 2.17");
        assertThat(lastBody)
                .isEqualTo("{\"service_id\":\"svc-1\",\"plan_id\":\"plan-1\",\"context\":{\"platform\":"
                        + "\"cloudfoundry\",\"space_guid\":\"space-1\"},\"bind_resource\":{\"app_guid\":\"app-1\","
                        + "\"space_guid\":\"space-1\"},\"parameters\":{\"read-only\":true}}");
        client.bind(broker, "c", "b", plan, Map.of(), Map.of(), Map.of(), true, null);
        assertThat(lastRequest).endsWith("?accepts_incomplete=true 2.17");
        assertThat(lastBody).isEqualTo("{\"service_id\":\"svc-1\",\"plan_id\":\"plan-1\",\"parameters\":{}}");

        reply = new Reply(200, "{}", 0);
        client.unbind(broker, "c", "b", plan, false, null);
        assertThat(lastRequest)
                .isEqualTo("DELETE /v2/service_instances/c/service_bindings/b?accepts_incomplete=false"
                        + "&service_id=svc-1&plan_id=plan-1 2.17");
        reply = new Reply(422, "{\"error\":\"AsyncRequired\",\"description\":\"unbinding takes a while\"}", 0);
        assertThatThrownBy(() -> client.unbind(broker, "c", "b", plan, false, null))
                .isInstanceOfSatisfying(ClusterBrokerRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(422);
                    assertThat(refusal.error()).isEqualTo("AsyncRequired");
                });
    }

    @Test
    void failuresNameTheClusterAndTheUrlButNeverThePassword() {
        RemotePlan plan = new RemotePlan("svc-1", "plan-1");
        reply = new Reply(500, "<html>boom</html>", 0);
        assertThatThrownBy(() -> client.bind(broker, "c", "b", plan, Map.of(), Map.of(), Map.of(), true, null))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining("cluster my-cluster's broker at " + broker.url() + " answered 500")
                .hasMessageNotContaining(PASSWORD);
        reply = new Reply(201, "not json", 0);
        assertThatThrownBy(() -> client.bind(broker, "c", "b", plan, Map.of(), Map.of(), Map.of(), true, null))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining("not a JSON object: `not json`");
        reply = new Reply(401, "{}", 0);
        assertThatThrownBy(() -> client.unbind(broker, "c", "b", plan, true, null))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining("broker_username and broker_password");
        reply = new Reply(200, "{}", 3000);
        assertThatThrownBy(() -> client.deprovision(broker, "c", plan, true, null))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining("did not answer in time");
        server.stop(0);
        assertThatThrownBy(() -> client.deprovision(broker, "c", plan, true, null))
                .isInstanceOf(ChildDriverException.class)
                .hasMessageContaining("cannot be reached")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void anEndpointNeverShowsItsPasswordAndRefusesUnusableUrls() {
        assertThat(broker.toString()).doesNotContain(PASSWORD).contains("******");
        assertThatThrownBy(() -> new ClusterBrokerEndpoint("c", URI.create("ftp://host/"), "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new ClusterBrokerEndpoint("c", URI.create("http://u:p@host/"), "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
