package io.dedicate.broker.http;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.offering.TestBundles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The broker the fuzz targets ({@link OsbRequestFuzzTest}, {@link ReportFuzzTest}) talk to, once per JVM: the real
 * application on a random port over the MySQL bundle, H2 and a bare git repository in a temporary data directory, with
 * a ready cluster whose outputs name the test MariaDB (so child creates and bindings reach the real driver) and a
 * child database inside it. Requests go over real HTTP with raw bytes as bodies.
 */
final class FuzzedBroker {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String DB_100MB = ChildDatabaseTest.DB_100MB;

    private static @Nullable FuzzedBroker instance;

    final RunningBroker broker;
    final OsbClient osb;
    final String cluster;
    final String child;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status and the body text. */
    record Reply(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private FuzzedBroker() throws IOException {
        allowLoopback();
        Path data = Files.createTempDirectory("dedicate-fuzz-broker-");
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, TestStores.jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        cluster = UUID.randomUUID().toString();
        OsbClient.Answer created = osb.put(
                ClusterLifeContract.instancePath(cluster) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(SMALL, Map.of()));
        expect(created.status(), 202, created);
        OsbClient.Answer reported = report(created.text("operation"), "succeeded");
        expect(reported.status(), 200, reported);
        child = UUID.randomUUID().toString();
        OsbClient.Answer database = osb.put(
                ClusterLifeContract.instancePath(child),
                ChildDatabaseTest.childBody(DB_100MB, Map.of("cluster", "my-cluster"), "fuzz-db"));
        expect(database.status(), 201, database);
    }

    /**
     * The broker, started on first use and stopped when the JVM exits. Each fuzz test calls this first: Jazzer resets
     * the network policy when fuzzing starts.
     */
    static synchronized FuzzedBroker get() {
        allowLoopback();
        if (instance == null) {
            try {
                instance = new FuzzedBroker();
            } catch (IOException e) {
                throw new IllegalStateException("the fuzzed broker does not start", e);
            }
            FuzzedBroker started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started.broker::close));
        }
        return instance;
    }

    /** Connections to the loopback address (the broker, the test MariaDB) are expected; any other is a finding. */
    @SuppressWarnings("MustBeClosedChecker") // the policy holds for the whole JVM, it is never closed
    private static void allowLoopback() {
        BugDetectors.allowNetworkConnections(FuzzedBroker::loopback);
    }

    private static boolean loopback(String host, Integer port) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void expect(int status, int expected, Object answer) {
        if (status != expected) {
            throw new IllegalStateException("the fuzzed broker's set-up got " + answer);
        }
    }

    /** The succeeded (or failed) report of {@code operation}, with the MariaDB's admin endpoint as outputs. */
    OsbClient.Answer report(String operation, String state) {
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("description", "fuzz " + state);
        body.put("outputs", outputs);
        return new OsbClient(() -> "").report(reportUrl(operation), body);
    }

    String reportUrl(String operation) {
        return broker.baseUrl() + "/operations/" + operation + "/report";
    }

    /** Sends {@code body} as it is, with the Cloud Controller's headers (credentials included). */
    Reply osb(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Authorization", OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD))
                .header("X-Broker-API-Version", "2.17")
                .header("X-Broker-API-Originating-Identity", OsbClient.originatingIdentity("fuzz"))
                .header("X-Broker-API-Request-Identity", UUID.randomUUID().toString());
        return exchange(request);
    }

    /** Posts {@code body} to the report URL of {@code operation} with {@code signature} (null: none). */
    Reply report(String operation, byte[] body, @Nullable String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reportUrl(operation)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header("X-Dedicate-Signature", signature);
        }
        return exchange(request);
    }

    private Reply exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The operation id of a 202 answer, or null. */
    static @Nullable String operationOf(Reply reply) {
        try {
            JsonNode json = OsbClient.JSON.readTree(reply.body());
            JsonNode operation = json == null ? null : json.get("operation");
            return operation == null || !operation.isTextual() ? null : operation.asText();
        } catch (IOException e) {
            return null;
        }
    }
}
