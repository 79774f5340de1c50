package io.dedicate.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This project's broker started as a <em>separate JVM</em> (same class path, {@code io.dedicate.broker.BrokerApplication}),
 * on its own port, data directory and H2 database, with its own credentials: it plays a dedicated cluster's own OSB
 * broker for the {@code delegate} driver. {@link #close()} kills it.
 */
final class ClusterBrokerProcess implements AutoCloseable {

    static final String USERNAME = "cluster-broker-admin";
    static final String PASSWORD = "cluster-broker-password-0123456789";

    private final Process process;
    private final Path data;
    private final Path log;
    private final int port;

    private ClusterBrokerProcess(Process process, Path data, Path log, int port) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** Starts a broker serving {@code bundle} with its data under {@code data}, and waits until it serves its catalog. */
    static ClusterBrokerProcess start(Path bundle, Path data) {
        return start(bundle, data, List.of());
    }

    /** A broker process with {@code extra} command-line arguments ({@code --name=value}) after the usual ones. */
    static ClusterBrokerProcess start(Path bundle, Path data, List<String> extra) {
        try {
            Files.createDirectories(data);
            int port = freePort();
            Path log = data.resolve("broker.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new java.util.ArrayList<>(List.of(
                    java.toString(),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.dedicate.broker.BrokerApplication",
                    "--server.port=" + port,
                    "--dedicate.bundle=" + bundle,
                    "--dedicate.data=" + data,
                    "--dedicate.username=" + USERNAME,
                    "--dedicate.password=" + PASSWORD,
                    "--dedicate.reports.signing-key=" + RunningBroker.REPORT_SIGNING_KEY,
                    "--spring.datasource.url=jdbc:h2:file:" + data.resolve("state") + ";DB_CLOSE_ON_EXIT=FALSE",
                    "--logging.level.root=WARN"));
            command.addAll(extra);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ClusterBrokerProcess broker = new ClusterBrokerProcess(process, data, log, port);
            broker.awaitCatalog(Duration.ofSeconds(90));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the cluster broker process", e);
        }
    }

    private void awaitCatalog(Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        OsbClient client = client();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException(
                        "the cluster broker process ended with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (client.get("/v2/catalog").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(
                "the cluster broker did not serve its catalog within " + patience + ":\n" + logTail());
    }

    /** An OSB client of this broker, with its credentials. */
    OsbClient client() {
        return new OsbClient(this::baseUrl).with("Authorization", OsbClient.basic(USERNAME, PASSWORD));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Its deployment repository (where its clusters' pipelines are committed). */
    DeploymentRepository repository() {
        return new DeploymentRepository(data.resolve("deployments.git"));
    }

    /** The id of service {@code service}'s plan {@code plan} (or of the service itself when plan is null). */
    String catalogId(String service, @org.jspecify.annotations.Nullable String plan) {
        JsonNode catalog = client().get("/v2/catalog").json();
        if (catalog != null) {
            for (JsonNode entry : catalog.path("services")) {
                if (entry.path("name").asText().equals(service)) {
                    if (plan == null) {
                        return entry.path("id").asText();
                    }
                    for (JsonNode candidate : entry.path("plans")) {
                        if (candidate.path("name").asText().equals(plan)) {
                            return candidate.path("id").asText();
                        }
                    }
                }
            }
        }
        throw new AssertionError("the cluster broker's catalog has no " + service + " / " + plan);
    }

    String logTail() {
        return tail(log);
    }

    /** The last 40 lines of a process's log file, for a failure's message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A TCP port no one listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code kill -9}: the process gets no chance to flush or clean up anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The broker's data directory. */
    Path data() {
        return data;
    }

    /** Kills the process and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
