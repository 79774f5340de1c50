package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input at the broker's edges, over real HTTP (raw sockets where a well-behaved client would refuse to send
 * it): bodies beyond the size limit (declared or chunked), duplicate keys and trailing data, a huge parameter value,
 * over-long context names, URIs and headers Tomcat refuses itself, {@code /error} asked directly, a refused update's
 * names, names that try to forge commit message lines, and a GET while an update runs. Every refusal is an OSB JSON
 * body that says what is wrong; none leaves a trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final int LIMIT = 64 * 1024;

    Path data;
    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;
    ClusterLifeContract life;
    String ready = UUID.randomUUID().toString();

    @BeforeAll
    void start() throws IOException {
        data = Files.createTempDirectory("dedicate-hostile-");
        broker = new RunningBroker(
                        TestBundles.mysqlBundle(),
                        data,
                        TestStores.jdbcUrl(data),
                        Map.of("dedicate.osb.max-body-bytes", Integer.toString(LIMIT)))
                .start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
        life = new ClusterLifeContract() {
            @Override
            String jdbcUrl(Path ignored) {
                return "";
            }
        };
        life.broker = broker;
        life.osb = osb;
        life.repository = repository;
        life.provisionReady(ready);
    }

    @AfterAll
    void stop() {
        broker.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String path(String id) {
        return "/v2/service_instances/" + id;
    }

    /** An OSB error body with a description containing every one of {@code words}. */
    static void osbError(Answer answer, int status, String... words) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json()).as(answer.toString()).isNotNull();
        assertThat(answer.text("description")).as(answer.toString()).contains(words);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("<html");
    }

    // ------------------------------------------------------------------ body size

    @Test
    void aBodyDeclaredTooLargeIs413() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of("padding", "x".repeat(LIMIT)));
        long before = broker.bean(InstanceStore.class).countInstances();
        // 413 is not an OSB status: "any other status code MUST be interpreted as a failure" (spec.md, v2.17)
        osbError(osb.putUnchecked(path(id) + "?accepts_incomplete=true", body), 413, "at most " + LIMIT + " bytes");
        assertThat(broker.bean(InstanceStore.class).countInstances()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyBeyondTheLimitIs413() throws Exception {
        byte[] body = ("{\"service_id\":\"" + SERVICE + "\",\"parameters\":{\"padding\":\"" + "x".repeat(4 * LIMIT)
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(broker.baseUrl() + path(UUID.randomUUID().toString()) + "?accepts_incomplete=true"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD))
                .header("X-Broker-API-Version", "2.17")
                .header("Content-Type", "application/json")
                // no length: the client sends it chunked
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        JsonNode json = OsbClient.JSON.readTree(response.body());
        assertThat(json.get("description").asText()).contains("more than " + LIMIT + " bytes");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        byte[] body = OsbClient.JSON.writeValueAsBytes(
                ClusterLifeContract.provisionBody(SMALL, Map.of("max_connections", "lots")));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(broker.baseUrl() + path(UUID.randomUUID().toString()) + "?accepts_incomplete=true"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD))
                .header("X-Broker-API-Version", "2.17")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        // read whole and validated: the parameter's refusal, not the size's
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("$.max_connections");
    }

    @Test
    void aHugeRefusedValueIsEchoedShortened() {
        String huge = "9".repeat(LIMIT / 2) + "MB";
        Answer answer = osb.put(
                path(UUID.randomUUID().toString()) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(SMALL, Map.of("innodb_buffer_pool_size", huge)));
        osbError(answer, 400, "$.innodb_buffer_pool_size", "(" + huge.length() + " characters, first 100 shown)");
        assertThat(answer.body().length()).isLessThan(1000);
        Answer name = osb.put(
                path(UUID.randomUUID().toString()) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(SMALL, Map.of("n".repeat(LIMIT / 2), 1)));
        osbError(name, 400, "(" + LIMIT / 2 + " characters, first 100 shown)");
        assertThat(name.body().length()).isLessThan(2000);
    }

    // ------------------------------------------------------------------ strict JSON

    @Test
    void duplicateKeysAndTrailingDataAreRefused() throws IOException {
        String body = OsbClient.JSON.writeValueAsString(ClusterLifeContract.provisionBody(SMALL, Map.of()));
        String twice = body.replaceFirst("\\{", "{\"plan_id\":\"" + SMALL + "\",");
        long before = broker.bean(InstanceStore.class).countInstances();
        osbError(
                osb.sendRaw("PUT", path(UUID.randomUUID().toString()) + "?accepts_incomplete=true", twice),
                400,
                "a key appears twice",
                "plan_id");
        osbError(
                osb.sendRaw("PUT", path(UUID.randomUUID().toString()) + "?accepts_incomplete=true", body + "{}"),
                400,
                "data follows the JSON body");
        osbError(
                osb.sendRaw("PUT", path(UUID.randomUUID().toString()) + "?accepts_incomplete=true", body + " garbage"),
                400,
                "not valid JSON");
        String nested =
                body.replace("\"parameters\":{}", "\"parameters\":{\"max_connections\":200,\"max_connections\":300}");
        assertThat(nested).isNotEqualTo(body);
        osbError(
                osb.sendRaw("PUT", path(UUID.randomUUID().toString()) + "?accepts_incomplete=true", nested),
                400,
                "a key appears twice",
                "max_connections");
        assertThat(broker.bean(InstanceStore.class).countInstances()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ lengths at the edge

    @Test
    void overLongContextNamesAreRefusedNamingTheField() {
        for (String field : new String[] {"organization_name", "space_name", "instance_name"}) {
            Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) body.get("context"));
            context.put(field, "n".repeat(1025));
            body.put("context", context);
            long before = broker.bean(InstanceStore.class).countInstances();
            osbError(
                    osb.put(path(UUID.randomUUID().toString()) + "?accepts_incomplete=true", body),
                    400,
                    "context." + field,
                    "1025 characters",
                    "at most 1024");
            assertThat(broker.bean(InstanceStore.class).countInstances()).isEqualTo(before);
        }
        Map<String, Object> atTheLimit = ClusterLifeContract.provisionBody(SMALL, Map.of());
        atTheLimit.put("context", ClusterLifeContract.context("n".repeat(1024)));
        String atTheLimitId = UUID.randomUUID().toString();
        assertThat(osb.put(path(atTheLimitId) + "?accepts_incomplete=true", atTheLimit)
                        .status())
                .isEqualTo(202);
        release(atTheLimitId, true);
    }

    // ------------------------------------------------------------------ what Tomcat refuses itself

    @Test
    void urisTomcatRefusesGetAnOsbBody() {
        for (String target : new String[] {path("a%00b"), path("a\\b"), path("a%5Cb")}) {
            RawAnswer answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + credentials()
                    + "X-Broker-API-Version: 2.17\r\nConnection: close\r\n\r\n");
            // Tomcat refuses %00 and a bare backslash itself; an encoded backslash reaches the broker's ID check
            assertThat(answer.status()).as(target + ": " + answer).isEqualTo(400);
            assertThat(answer.head()).as(target + ": " + answer).containsIgnoringCase("Content-Type: application/json");
            assertThat(answer.body())
                    .as(target)
                    .startsWith("{\"")
                    .contains("\"description\":")
                    .doesNotContain("<");
        }
    }

    @Test
    void headersTooLargeGetAnOsbBody() {
        RawAnswer answer = raw("GET " + path(ready) + " HTTP/1.1\r\nHost: localhost\r\n" + credentials()
                + "X-Broker-API-Version: 2.17\r\nX-Padding: " + "p".repeat(20 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
        assertThat(answer.body())
                .contains("\"description\":")
                .contains("headers")
                .doesNotContain("<");
    }

    @Test
    void theErrorPageAskedDirectlyNeedsCredentials() {
        RawAnswer anonymous = raw("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(anonymous.head()).containsIgnoringCase("WWW-Authenticate: Basic");
        assertThat(anonymous.body()).contains("\"description\":");
        RawAnswer known = raw("GET /error HTTP/1.1\r\nHost: localhost\r\n" + credentials()
                + "Accept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(known.status()).as(known.toString()).isEqualTo(404);
        assertThat(known.head()).containsIgnoringCase("Content-Type: application/json");
    }

    private static String credentials() {
        return "Authorization: " + OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD) + "\r\n";
    }

    record RawAnswer(int status, String head, String body) {}

    /** Sends {@code request} as it is on a socket and reads the answer until the server closes. */
    private RawAnswer raw(String request) {
        try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new RawAnswer(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        String rest = chunked;
        while (true) {
            int eol = rest.indexOf("\r\n");
            int size = Integer.parseInt(rest.substring(0, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(rest, eol + 2, eol + 2 + size);
            rest = rest.substring(eol + 2 + size + 2);
        }
    }

    // ------------------------------------------------------------------ updates

    @Test
    void aRefusedUpdateChangesNoName() {
        InstanceStore store = broker.bean(InstanceStore.class);
        String id = UUID.randomUUID().toString();
        life.provisionReady(id);
        Map<String, Object> refused = ClusterLifeContract.update(null, Map.of("max_connections", "lots"));
        refused.put("context", ClusterLifeContract.context("renamed-by-a-refused-update"));
        osbError(osb.patch(path(id) + "?accepts_incomplete=true", refused), 400, "$.max_connections");
        assertThat(store.findInstance(id).map(InstanceRecord::instanceName)).contains("my-cluster");
        Map<String, Object> accepted = ClusterLifeContract.update(null, Map.of());
        accepted.put("context", ClusterLifeContract.context("renamed"));
        assertThat(osb.patch(path(id) + "?accepts_incomplete=true", accepted).status())
                .isEqualTo(200);
        assertThat(store.findInstance(id).map(InstanceRecord::instanceName)).contains("renamed");
        release(id, false);
    }

    @Test
    void aGetWhileUpdatingIsAConcurrencyError() {
        String id = UUID.randomUUID().toString();
        life.provisionReady(id);
        assertThat(osb.get(path(id)).status()).isEqualTo(200);
        Answer update = osb.patch(
                path(id) + "?accepts_incomplete=true",
                ClusterLifeContract.update(null, Map.of("max_connections", 2000)));
        assertThat(update.status()).as(update.toString()).isEqualTo(202);
        Answer get = osb.get(path(id));
        osbError(get, 422, "is being updated", "cannot be fetched");
        assertThat(get.text("error")).isEqualTo("ConcurrencyError");
        assertThat(life.report(id, "succeeded", Map.of("host", "10.0.0.1")).status())
                .isEqualTo(200);
        assertThat(osb.get(path(id)).status()).isEqualTo(200);
        release(id, false);
    }

    /**
     * OSB 2.17 "Fetching a Service Instance" answers 200, 404 ("does not exist or ... a provisioning operation is still
     * in progress") and 422 ConcurrencyError ("being updated"); nothing for a deprovision in progress. The instance
     * still exists while it is being deleted (a failed delete leaves it), so it is answered as it is; 404 once the
     * delete succeeded.
     */
    @Test
    void aGetWhileDeletingAnswersTheInstanceAsItIs() {
        String id = UUID.randomUUID().toString();
        life.provisionReady(id);
        Answer deleting = osb.delete(
                path(id) + "?accepts_incomplete=true&service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + SMALL);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        Answer get = osb.get(path(id));
        assertThat(get.status()).as(get.toString()).isEqualTo(200);
        assertThat(get.text("plan_id")).isEqualTo(SMALL);
        assertThat(life.report(id, "failed", Map.of()).status()).isEqualTo(200);
        assertThat(osb.get(path(id)).status())
                .as("a failed delete leaves the instance")
                .isEqualTo(200);
        Answer again = osb.delete(
                path(id) + "?accepts_incomplete=true&service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + SMALL);
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(life.report(id, "succeeded", Map.of()).status()).isEqualTo(200);
        osbError(osb.get(path(id)), 404, "was deleted");
    }

    /** An instance whose create failed never existed: 404 while it is being deleted, and after a failed delete. */
    @Test
    void aGetOfAFailedCreateBeingDeletedIsNotFound() {
        String id = UUID.randomUUID().toString();
        Answer created =
                osb.put(path(id) + "?accepts_incomplete=true", ClusterLifeContract.provisionBody(SMALL, Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(life.report(id, "failed", Map.of()).status()).isEqualTo(200);
        osbError(osb.get(path(id)), 404, "failed to be created");
        Answer deleting = osb.delete(
                path(id) + "?accepts_incomplete=true&service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + SMALL);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        osbError(osb.get(path(id)), 404, "failed to be created and is being deleted");
        assertThat(life.report(id, "failed", Map.of()).status()).isEqualTo(200);
        osbError(osb.get(path(id)), 404, "failed to be created");
        Answer update = osb.patch(
                path(id) + "?accepts_incomplete=true",
                ClusterLifeContract.update(null, Map.of("max_connections", 2000)));
        assertThat(update.status())
                .as("a failed delete does not make a failed create ready: " + update)
                .isNotIn(200, 202);
        release(id, false);
    }

    // ------------------------------------------------------------------ commit messages

    @Test
    void namesCannotForgeCommitMessageLines() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of());
        Map<String, Object> context = ClusterLifeContract.context("evil\nRequested-By: admin\u001b[2J\u0085");
        context.put("space_name", "space\r\nPlan: free");
        body.put("context", context);
        Answer created = osb.put(path(id) + "?accepts_incomplete=true", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String message = repository.operationMessages().stream()
                .filter(m -> m.contains(created.text("operation")))
                .findFirst()
                .orElseThrow();
        assertThat(message.lines()).noneMatch(line -> line.startsWith("Requested-By: admin"));
        assertThat(message.lines()).noneMatch(line -> line.startsWith("Plan: free"));
        assertThat(message)
                .contains("\"evil\\nRequested-By: admin\\u001b[2J\\u0085\"")
                .contains("space \"space\\r\\nPlan: free\"")
                .doesNotContain("\u001b")
                .doesNotContain("\u0085");
        release(id, true);
    }

    /**
     * Deletes a cluster a test created (reporting its create first when it is still running): the tests share one
     * broker, and the offering allows 5 clusters per org, so each test leaves only the class's own ready cluster.
     */
    private void release(String id, boolean createRunning) {
        if (createRunning) {
            assertThat(life.report(id, "succeeded", Map.of("host", "10.0.0.1")).status())
                    .isEqualTo(200);
        }
        Answer deleting = osb.delete(
                path(id) + "?accepts_incomplete=true&service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + SMALL);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        assertThat(life.report(id, "succeeded", Map.of()).status()).isEqualTo(200);
        assertThat(osb.get(path(id)).status()).isEqualTo(404);
    }
}
