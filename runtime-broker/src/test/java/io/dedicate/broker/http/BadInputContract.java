package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input the platform (or anyone reaching the broker) may send, over HTTP: each
 * is refused with the OSB status, an OSB error body whose description says what is wrong, and no
 * trace: no new or changed instance, no commit. One broker serves all cases (on the store this
 * run uses, {@link TestStores}: the build runs it on H2, then on PostgreSQL); a
 * ready cluster and a cluster still deploying stand by for the cases that need an instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputContract {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String CHILD = "90e99e45-8911-5351-991f-2fb012d1f0ce";

    Path data;
    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;
    String ready = UUID.randomUUID().toString();
    String deploying = UUID.randomUUID().toString();
    String deployingOperation = "";
    String readyOperation = "";

    /** A JDBC URL of an empty database for this test, on the store this run uses ({@link TestStores}). */
    String jdbcUrl(Path data) {
        return TestStores.jdbcUrl(data);
    }

    @BeforeAll
    void start() throws IOException {
        data = Files.createTempDirectory("dedicate-bad-input-");
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
        ClusterLifeContract life = new ClusterLifeContract() {
            @Override
            String jdbcUrl(Path ignored) {
                return "";
            }
        };
        life.broker = broker;
        life.osb = osb;
        life.repository = repository;
        readyOperation = life.provisionReady(ready);
        Answer created = osb.put(
                path(deploying) + "?accepts_incomplete=true", ClusterLifeContract.provisionBody(SMALL, Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        deployingOperation = created.text("operation");
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

    // ------------------------------------------------------------------ helpers

    static String path(String id) {
        return "/v2/service_instances/" + id;
    }

    static Map<String, Object> provision(@Nullable String plan, Map<String, Object> parameters) {
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, parameters);
        if (plan == null) {
            body.remove("plan_id");
        } else {
            body.put("plan_id", plan);
        }
        return body;
    }

    static Map<String, Object> update(Map<String, Object> parameters) {
        return ClusterLifeContract.update(null, parameters);
    }

    /** What must not change: the operation commits, and every instance the test knows of. */
    private record Trace(int commits, long instances, List<Optional<InstanceRecord>> records, List<String> gets) {}

    private Trace trace(String... more) {
        InstanceStore store = broker.bean(InstanceStore.class);
        List<Optional<InstanceRecord>> records = new ArrayList<>();
        List<String> gets = new ArrayList<>();
        for (String id :
                Stream.concat(Stream.of(ready, deploying), Stream.of(more)).toList()) {
            records.add(store.findInstance(id).map(BadInputContract::withoutTimes));
            // a GET hands out a freshly signed dashboard link each second: compare it without its signature
            gets.add(osb.get(path(id)).toString().replaceAll("expires=[0-9]+&sig=[A-Za-z0-9_-]+", "(signed)"));
        }
        return new Trace(repository.commitCount(), store.countInstances(), records, gets);
    }

    private static InstanceRecord withoutTimes(InstanceRecord r) {
        return r.withProgress(
                new InstanceRecord.Progress(r.status(), r.activeOperationId(), r.createdAt(), r.createdAt()));
    }

    /**
     * Runs {@code call} and asserts it was refused with {@code status} and a description containing
     * every one of {@code words}, leaving no trace.
     */
    Answer refused(Supplier<Answer> call, int status, String... words) {
        String fresh = UUID.randomUUID().toString();
        Trace before = trace(fresh);
        Answer answer = call.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json()).as("an OSB error body: " + answer).isNotNull();
        assertThat(answer.text("description"))
                .as(answer.toString())
                .isNotBlank()
                .contains(words);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(trace(fresh)).isEqualTo(before);
        return answer;
    }

    String newId() {
        return UUID.randomUUID().toString();
    }

    Answer put(String id, Object body) {
        return osb.put(path(id) + "?accepts_incomplete=true", body);
    }

    // ------------------------------------------------------------------ malformed bodies

    @Test
    void malformedJsonIsRefused() {
        refused(
                () -> osb.sendRaw("PUT", path(newId()) + "?accepts_incomplete=true", "{\"service_id\": \"" + SERVICE),
                400,
                "not valid JSON");
        refused(() -> osb.sendRaw("PUT", path(newId()) + "?accepts_incomplete=true", "[1, 2]"), 400, "JSON");
        Map<String, Object> body = provision(SMALL, Map.of());
        body.put("parameters", "max_connections=2000");
        refused(() -> put(newId(), body), 400, "parameters");
        refused(
                () -> osb.sendRaw("PATCH", path(ready) + "?accepts_incomplete=true", "{\"service_id\":"),
                400,
                "not valid JSON");
    }

    @Test
    void missingServiceOrPlanIsRefused() {
        Map<String, Object> noService = provision(SMALL, Map.of());
        noService.remove("service_id");
        refused(() -> put(newId(), noService), 400, "service_id");
        refused(() -> put(newId(), provision(null, Map.of())), 400, "plan_id");
    }

    @Test
    void unknownServiceOrPlanIsRefused() {
        Map<String, Object> unknownService = provision(SMALL, Map.of());
        unknownService.put("service_id", "no-such-service");
        refused(() -> put(newId(), unknownService), 400, "no-such-service");
        refused(() -> put(newId(), provision("no-such-plan", Map.of())), 400, "no-such-plan", "plan");
    }

    // ------------------------------------------------------------------ unsafe instance IDs

    static Stream<Arguments> unsafeIds() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : List.of("..", ".hidden", "a%2F..%2Fb", "a".repeat(65), "a%01b", "a%20b")) {
            for (String method : List.of("PUT", "PATCH", "DELETE", "GET", "LAST_OPERATION")) {
                cases.add(Arguments.of(method, id));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unsafeIds")
    void unsafeInstanceIdsAreRefused(String method, String id) {
        Supplier<Answer> call = switch (method) {
            case "PUT" -> () -> put(id, provision(SMALL, Map.of()));
            case "PATCH" ->
                () -> osb.patch(path(id) + "?accepts_incomplete=true", update(Map.of("max_connections", 2000)));
            case "DELETE" ->
                () -> osb.delete(path(id) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL);
            case "GET" -> () -> osb.get(path(id));
            default -> () -> osb.get(path(id) + "/last_operation?service_id=" + SERVICE);
        };
        // GET instance lists no 400 in OSB: an ID the broker never accepts names no instance, so 404
        refused(call, "GET".equals(method) ? 404 : 400, "service instance id", "is not accepted");
    }

    // ------------------------------------------------------------------ parameters

    @Test
    void parametersOfTheWrongTypeOrOutOfRangeAreAllReported() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("max_connections", "lots");
        parameters.put("innodb_buffer_pool_size", "64MB");
        parameters.put("no_such_parameter", true);
        refused(
                () -> put(newId(), provision(SMALL, parameters)),
                400,
                "$.max_connections",
                "$.innodb_buffer_pool_size",
                "$.no_such_parameter",
                "128MB");
        refused(() -> put(newId(), provision(SMALL, Map.of("max_connections", 1))), 400, "$.max_connections", "100");
        refused(
                () -> osb.patch(path(ready) + "?accepts_incomplete=true", update(Map.of("max_connections", "lots"))),
                400,
                "$.max_connections");
    }

    @Test
    void anInterpolationSequenceInAParameterIsRefused() {
        refused(() -> put(newId(), provision(SMALL, Map.of("character_set", "((secret))"))), 400, "character_set");
        Map<String, Object> named = provision(SMALL, Map.of());
        named.put("context", ClusterLifeContract.context("((admin_password))"));
        refused(() -> put(newId(), named), 400, "((");
    }

    // ------------------------------------------------------------------ authentication and version

    @Test
    void missingOrWrongCredentialsAre401() {
        String id = newId();
        Answer missing = refused(
                () -> osb.with("Authorization", null)
                        .put(path(id) + "?accepts_incomplete=true", provision(SMALL, Map.of())),
                401,
                "basic authentication");
        refused(
                () -> osb.with("Authorization", OsbClient.basic(RunningBroker.USERNAME, "wrong"))
                        .put(path(id) + "?accepts_incomplete=true", provision(SMALL, Map.of())),
                401,
                "credentials are wrong");
        refused(() -> osb.with("Authorization", null).get("/v2/catalog"), 401, "authentication");
        assertThat(missing.json()).isNotNull();
    }

    @Test
    void theChallengeIsSent() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(broker.baseUrl() + "/v2/catalog"))
                            .header("X-Broker-API-Version", "2.17")
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void unsupportedApiVersionsAre412() {
        String id = newId();
        refused(
                () -> osb.with("X-Broker-API-Version", null)
                        .put(path(id) + "?accepts_incomplete=true", provision(SMALL, Map.of())),
                412,
                "X-Broker-API-Version",
                "missing");
        refused(
                () -> osb.with("X-Broker-API-Version", "2.12")
                        .put(path(id) + "?accepts_incomplete=true", provision(SMALL, Map.of())),
                412,
                "2.12",
                "not supported");
        refused(
                () -> osb.with("X-Broker-API-Version", "latest")
                        .put(path(id) + "?accepts_incomplete=true", provision(SMALL, Map.of())),
                412,
                "latest",
                "not a version");
        Answer old = osb.with("X-Broker-API-Version", "2.13").get("/v2/catalog");
        assertThat(old.status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ OSB rules

    @Test
    void aSynchronousProvisionIsRefused() {
        Answer answer = refused(() -> osb.put(path(newId()), provision(SMALL, Map.of())), 422, "accepts_incomplete");
        assertThat(answer.text("error")).isEqualTo("AsyncRequired");
    }

    @Test
    void updatingOrDeletingWhileDeployingIsAConcurrencyError() {
        Answer patch = refused(
                () -> osb.patch(path(deploying) + "?accepts_incomplete=true", update(Map.of("max_connections", 2000))),
                422,
                deploying);
        assertThat(patch.text("error")).isEqualTo("ConcurrencyError");
        Answer delete = refused(
                () -> osb.delete(
                        path(deploying) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + SMALL),
                422,
                deploying);
        assertThat(delete.text("error")).isEqualTo("ConcurrencyError");
    }

    @Test
    void aChildPlanNeedsItsCluster() {
        refused(() -> put(newId(), provision(CHILD, Map.of())), 400, "cluster", "is required");
    }

    @Test
    void unsafeOrgAndSpaceAreRefused() {
        Map<String, Object> badOrg = provision(SMALL, Map.of());
        badOrg.put("organization_guid", "../x");
        @SuppressWarnings("unchecked")
        Map<String, Object> orgContext = new LinkedHashMap<>((Map<String, Object>) badOrg.get("context"));
        orgContext.put("organization_guid", "../x");
        badOrg.put("context", orgContext);
        refused(() -> put(newId(), badOrg), 400, "organization guid", "../x");
        Map<String, Object> badSpace = provision(SMALL, Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> spaceContext = new LinkedHashMap<>((Map<String, Object>) badSpace.get("context"));
        spaceContext.put("space_guid", "../x");
        badSpace.put("context", spaceContext);
        refused(() -> put(newId(), badSpace), 400, "space guid", "../x");
    }

    @Test
    void unknownInstancesAreReported() {
        String unknown = newId();
        refused(
                () -> osb.patch(path(unknown) + "?accepts_incomplete=true", update(Map.of("max_connections", 2000))),
                400,
                unknown,
                "does not exist");
        refused(() -> osb.get(path(unknown)), 404, unknown, "does not exist");
        refused(() -> osb.get(path(unknown) + "/last_operation?service_id=" + SERVICE), 404, unknown, "does not exist");
        refused(
                () -> osb.get(
                        path(ready) + "/last_operation?service_id=" + SERVICE + "&operation=" + deployingOperation),
                400,
                deployingOperation,
                "is not an operation of service instance " + ready);
    }

    // ------------------------------------------------------------------ catalog

    @Test
    void theCatalogCarriesAnEtag() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            var first = http.send(catalogRequest(null), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElse("");
            assertThat(etag).startsWith("\"").endsWith("\"");
            var again = http.send(catalogRequest(etag), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            var other = http.send(catalogRequest("\"other\""), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private java.net.http.HttpRequest catalogRequest(@Nullable String etag) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(broker.baseUrl() + "/v2/catalog"))
                .header("Authorization", OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD))
                .header("X-Broker-API-Version", "2.17");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return request.build();
    }
}
