package io.dedicate.broker.http;

import static java.nio.charset.StandardCharsets.UTF_8;
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
 * The channel a pipeline reports on ({@code POST /operations/{id}/report}), attacked: unsigned, signed
 * with another key, for another operation or over another body, on an unknown operation, with a
 * malformed or undeclared body, twice, and 150 MB large. Every refusal leaves the operation in progress and the instance's outputs as they were.
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

    private String url(String id) {
        return ClusterLifeContract.reportUrl(life.file(life.folder(id) + "/operation.json"));
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

    private static byte[] bytes(Map<String, Object> body) {
        try {
            return OsbClient.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Answer signed(String url, String key, String operationId, byte[] body) {
        return new OsbClient(() -> "").reportRaw(url, body, Signatures.sign(key, operationId, body));
    }

    private static String wrongKey() {
        return "ab".repeat(32);
    }

    @Test
    void refusedReportsChangeNothingAndTheAcceptedOneIsSealed() throws IOException {
        String url = url(cluster);
        String key = RunningBroker.REPORT_SIGNING_KEY;
        OsbClient reporter = new OsbClient(() -> "");
        byte[] good = bytes(body("succeeded", Map.of("host", "10.0.0.1")));
        byte[] tampered = bytes(body("succeeded", Map.of("host", "10.6.6.6")));
        String signature = Signatures.sign(key, operation, good);

        refused(() -> reporter.reportRaw(url, good, null), 401, "not signed");
        refused(() -> reporter.reportRaw(url, good, "sha256=" + "0".repeat(64)), 401, "not signed");
        refused(() -> reporter.reportRaw(url, good, "sha256=zz"), 401, "not signed");
        refused(
                () -> reporter.with("Authorization", basic()).sendRaw("POST", url, new String(good, UTF_8)),
                401,
                "not signed");
        refused(() -> signed(url, wrongKey(), operation, good), 401, "not signed");
        refused(() -> reporter.reportRaw(url, tampered, signature), 401, "not signed");
        // a signature made for another operation (the other cluster's) does not carry over
        refused(() -> signed(url, key, otherOperation, good), 401, "not signed");
        refused(() -> reporter.reportRaw(url(other), good, signature), 401, "not signed");

        // without the key, an unknown operation answers exactly as a known one: nothing tells which IDs exist
        String unknown = UUID.randomUUID().toString();
        Answer unknownUnsigned = reporter.reportRaw(url.replace(operation, unknown), good, signature);
        Answer knownUnsigned = reporter.reportRaw(url, good, Signatures.sign(wrongKey(), operation, good));
        assertThat(unknownUnsigned.status()).isEqualTo(401);
        assertThat(unknownUnsigned.body()).isEqualTo(knownUnsigned.body());
        // with the key, the signer learns the operation is unknown
        refused(() -> signed(url.replace(operation, unknown), key, unknown, good), 404, unknown, "does not exist");

        byte[] broken = "{\"state\": \"succ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        refused(() -> signed(url, key, operation, broken), 400, "not valid JSON");
        refused(() -> reporter.reportRaw(url, broken, null), 401, "not signed");
        refused(() -> reporter.report(url, body("done", Map.of())), 400, "state", "succeeded", "failed");
        refused(
                () -> reporter.report(url, body("succeeded", Map.of("colour", "blue"))),
                400,
                "colour",
                "host",
                "admin_password");
        refused(
                () -> reporter.report(url, body("succeeded", Map.of("host", Map.of("ip", "10.0.0.1")))),
                400,
                "host",
                "string, a number or a boolean");

        Answer accepted =
                reporter.report(url, body("succeeded", Map.of("host", "10.0.0.1", "admin_password", "pl41n-s3cret!")));
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

        Answer second = reporter.report(url, body("failed", Map.of()));
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.text("description")).contains(operation).contains("already ended");
        // a replay of the accepted report is signed right but the operation has ended
        assertThat(life.lastOperation(cluster, operation).text("state")).isEqualTo("succeeded");
        assertThat(stored(cluster).sealedSecretOutputs()).isEqualTo(sealed);
        assertThat(life.lastOperation(other, otherOperation).text("state")).isEqualTo("in progress");
        life.repository.assertNoBlobContains(key);
    }

    @Test
    void aReportSignedByTheContractsShellLineWithOpensslIsAccepted(@TempDir Path work) throws Exception {
        String id = UUID.randomUUID().toString();
        String op = provision(id);
        String url = url(id);
        Path report = work.resolve("report.json");
        Files.write(report, bytes(body("failed", Map.of())));
        // exactly the pipeline task's lines from the contract (printf, cat, openssl dgst -mac HMAC)
        String script = """
                set -eu
                printf '%s\\n' "$OPERATION_ID" > signed && cat report.json >> signed
                openssl dgst -sha256 -mac HMAC -macopt "hexkey:$REPORT_SIGNING_KEY" -r signed | cut -d' ' -f1
                """;
        ProcessBuilder shell = new ProcessBuilder("sh", "-c", script).directory(work.toFile());
        shell.environment().put("OPERATION_ID", op);
        shell.environment().put("REPORT_SIGNING_KEY", RunningBroker.REPORT_SIGNING_KEY);
        shell.redirectErrorStream(true);
        Process process = shell.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as("openssl (OpenSSL 3 must be installed): " + out)
                .isZero();
        String hex = out.strip();
        assertThat(hex).as(out).matches("[0-9a-f]{64}");

        Answer answer = new OsbClient(() -> "").reportRaw(url, Files.readAllBytes(report), "sha256=" + hex);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(life.lastOperation(id, op).text("state")).isEqualTo("failed");
    }

    @Test
    void a150MegabyteReportIsRefusedWith413BeforeItIsRead() throws Exception {
        java.net.URI url = java.net.URI.create(url(other));
        long size = 150L * 1024 * 1024;
        long started = System.nanoTime();
        // declared length: the answer comes after the headers and 64 KiB, the other 150 MB never sent
        assertThat(rawPost(url, "Content-Length: " + size, 64 * 1024))
                .startsWith("HTTP/1.1 413")
                .contains("larger than");
        // chunked, no length declared: refused once the limit has been read, not the whole body
        assertThat(rawPost(url, "Transfer-Encoding: chunked", -1))
                .startsWith("HTTP/1.1 413")
                .contains("larger than");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(life.lastOperation(other, otherOperation).text("state")).isEqualTo("in progress");
    }

    /**
     * Posts a report over a plain socket with {@code framing} and then {@code sendBytes} zeros (-1: chunks of zeros
     * until the broker answers, at most 150 MB); returns the response head and body as text.
     */
    private static String rawPost(java.net.URI url, String framing, int sendBytes) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(15_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                            + "Content-Type: application/json\r\n" + framing + "\r\n\r\n")
                    .getBytes(UTF_8));
            byte[] zeros = new byte[8192];
            java.util.Arrays.fill(zeros, (byte) '0');
            java.io.InputStream in = socket.getInputStream();
            if (sendBytes >= 0) {
                for (int sent = 0; sent < sendBytes; sent += zeros.length) {
                    out.write(zeros);
                }
                out.flush();
            } else {
                byte[] chunkHead = (Integer.toHexString(zeros.length) + "\r\n").getBytes(UTF_8);
                try {
                    for (long sent = 0; sent < 150L * 1024 * 1024 && in.available() == 0; sent += zeros.length) {
                        out.write(chunkHead);
                        out.write(zeros);
                        out.write("\r\n".getBytes(UTF_8));
                    }
                    out.flush();
                } catch (java.net.SocketException closedByTheBroker) {
                    // the broker answered and closed while we were still sending: read its answer
                }
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // a reset after the answer: keep what was read
            }
            return answer.toString(UTF_8);
        }
    }

    private static String basic() {
        return OsbClient.basic(RunningBroker.USERNAME, RunningBroker.PASSWORD);
    }
}
