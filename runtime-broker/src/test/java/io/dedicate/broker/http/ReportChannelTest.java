package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.report.OperationReports;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel a pipeline reports on ({@code POST /operations/{id}/report}), attacked: without or
 * with a wrong or a foreign token, on an unknown operation, with a malformed or undeclared body,
 * twice. Every refusal leaves the operation in progress and the instance's outputs as they were.
 * An accepted report stores secret outputs sealed only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportChannelTest {

    @Nullable
    Path data;

    RunningBroker broker;
    ClusterLifeContract life;
    String cluster = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    String operation = "";
    String otherOperation = "";

    @BeforeAll
    void start(@TempDir Path dir) {
        data = dir;
        broker = new RunningBroker(TestBundles.mysqlBundle(), dir, TestStores.jdbcUrl(dir), Map.of()).start();
        life = new ClusterLifeContract() {
            @Override
            String jdbcUrl(Path ignored) {
                return "";
            }
        };
        life.broker = broker;
        life.osb = new OsbClient(broker::baseUrl);
        life.repository = new DeploymentRepository(dir.resolve("deployments.git"));
        operation = provision(cluster);
        otherOperation = provision(other);
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    private Path dataDir() {
        if (data == null) {
            throw new IllegalStateException("no temporary directory");
        }
        return data;
    }

    private String provision(String id) {
        Answer created = life.osb.put(
                ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.text("operation");
    }

    private String token(String id) {
        return ConcourseSchema.parse(life.file(life.folder(id) + "/vars.yml"))
                .get("report_token")
                .asText();
    }

    private String url(String id) {
        return ClusterLifeContract.reportUrl(life.file(life.folder(id) + "/operation.json"));
    }

    private static OsbClient reporter(@Nullable String authorization) {
        return new OsbClient(() -> "").with("Authorization", authorization);
    }

    private static Map<String, Object> body(String state, Map<String, Object> outputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("description", "deploy " + state);
        body.put("outputs", outputs);
        return body;
    }

    private InstanceRecord stored(String id) {
        return broker.bean(InstanceStore.class).findInstance(id).orElseThrow();
    }

    /** Asserts {@code call} is refused with {@code status} and {@code words}, changing nothing. */
    private void refused(Supplier<Answer> call, int status, String... words) {
        InstanceRecord before = stored(cluster);
        Answer answer = call.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.text("description")).as(answer.toString()).contains(words);
        assertThat(life.lastOperation(cluster, operation).text("state")).isEqualTo("in progress");
        InstanceRecord after = stored(cluster);
        assertThat(after.outputsJson()).isEqualTo(before.outputsJson());
        assertThat(after.sealedSecretOutputs()).isEqualTo(before.sealedSecretOutputs());
        assertThat(after.status()).isEqualTo(before.status());
    }

    @Test
    void refusedReportsChangeNothingAndTheAcceptedOneIsSealed() throws IOException {
        String url = url(cluster);
        String bearer = "Bearer " + token(cluster);
        Map<String, Object> good = body("succeeded", Map.of("host", "10.0.0.1"));

        refused(() -> reporter(null).send("POST", url, good), 401, "token");
        refused(() -> reporter("Bearer not-the-token").send("POST", url, good), 401, "token");
        refused(() -> reporter(basic()).send("POST", url, good), 401, "token");
        refused(() -> reporter("Bearer " + token(other)).send("POST", url, good), 401, "token");
        String unknown = UUID.randomUUID().toString();
        refused(
                () -> reporter(bearer).send("POST", url.replace(operation, unknown), good),
                404,
                unknown,
                "does not exist");
        refused(() -> reporter(bearer).sendRaw("POST", url, "{\"state\": \"succ"), 400, "not valid JSON");
        refused(() -> reporter(null).sendRaw("POST", url, "{\"state\": \"succ"), 401, "token");
        refused(() -> reporter(bearer).send("POST", url, body("done", Map.of())), 400, "state", "succeeded", "failed");
        refused(
                () -> reporter(bearer).send("POST", url, body("succeeded", Map.of("colour", "blue"))),
                400,
                "colour",
                "host",
                "admin_password");
        refused(
                () -> reporter(bearer).send("POST", url, body("succeeded", Map.of("host", Map.of("ip", "10.0.0.1")))),
                400,
                "host",
                "string, a number or a boolean");

        Answer accepted = reporter(bearer)
                .send("POST", url, body("succeeded", Map.of("host", "10.0.0.1", "admin_password", "pl41n-s3cret!")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("state")).isEqualTo("succeeded");
        assertThat(life.lastOperation(cluster, operation).text("state")).isEqualTo("succeeded");

        InstanceRecord stored = stored(cluster);
        assertThat(stored.outputsJson()).contains("10.0.0.1").doesNotContain("pl41n-s3cret!");
        String sealed = stored.sealedSecretOutputs();
        assertThat(sealed).isNotNull().doesNotContain("pl41n-s3cret!");
        Path keyFile = dataDir().resolve("secret.key");
        assertThat(keyFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        String opened = SecretBox.fromKeyFile(keyFile)
                .open(sealed == null ? "" : sealed, OperationReports.outputsContext(cluster));
        assertThat(opened).contains("\"admin_password\"").contains("pl41n-s3cret!");

        Answer second = reporter(bearer).send("POST", url, body("failed", Map.of()));
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.text("description")).contains(operation).contains("already ended");
        assertThat(life.lastOperation(cluster, operation).text("state")).isEqualTo("succeeded");
        assertThat(stored(cluster).sealedSecretOutputs()).isEqualTo(sealed);
        assertThat(life.lastOperation(other, otherOperation).text("state")).isEqualTo("in progress");
    }

    private static String basic() {
        return OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD);
    }
}
