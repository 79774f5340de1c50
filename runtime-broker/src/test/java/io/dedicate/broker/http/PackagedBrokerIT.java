package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.PostgresDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The broker as it ships: the packaged jar started by {@code runtime-broker/broker.sh}, as {@code ./dedicate serve}
 * starts it, with the class-data sharing archive the build recorded (JGit's jars unsigned in its extracted copy) and
 * Spring's ahead-of-time initialisation (bean definitions generated at build time, conditions fixed then). Every other
 * HTTP test starts the broker inside the test JVM, so only this one covers that path: a cluster's life with a database
 * and a binding on a real MariaDB, on H2 and on PostgreSQL. Run by failsafe after {@code package}.
 */
class PackagedBrokerIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    private @Nullable Process broker;
    private Path log = Path.of("broker.log");
    private OsbClient osb = new OsbClient(() -> "");
    private DeploymentRepository repository = new DeploymentRepository(Path.of("none"));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theShippedStartServesAClusterWithADatabaseAndABinding(String store) throws Exception {
        String jdbcUrl = store.equals("h2")
                ? "jdbc:h2:file:" + data.resolve("state").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                : PostgresDatabases.newJdbcUrl();
        int port = ClusterBrokerProcess.freePort();
        start(port, jdbcUrl);

        Answer catalog = osb.get("/v2/catalog");
        assertThat(catalog.status()).as(catalog.toString()).isEqualTo(200);
        assertThat(Files.readString(log))
                .as("broker.sh runs the AOT-processed application")
                .contains("Starting AOT-processed BrokerApplication");
        assertThat(Files.readString(Path.of("/proc", String.valueOf(running().pid()), "maps")))
                .as("the JVM mapped the class-data sharing archive the build recorded")
                .contains("/cds/broker.jsa");

        String cluster = UUID.randomUUID().toString();
        Answer provisioned = osb.put(
                ClusterLifeContract.instancePath(cluster) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, Map.of()));
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(202);
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Answer reported = SharingTest.report(repository, cluster, outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        Answer deployed = osb.get(ClusterLifeContract.instancePath(cluster) + "/last_operation?service_id="
                + ClusterLifeContract.SERVICE + "&operation=" + provisioned.text("operation"));
        assertThat(deployed.text("state")).isEqualTo("succeeded");

        String child = UUID.randomUUID().toString();
        Answer created = osb.put(
                ChildDatabaseTest.path(child),
                ChildDatabaseTest.childBody(ChildDatabaseTest.DB_100MB, Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String binding = UUID.randomUUID().toString();
        Answer bound = osb.put(ChildDatabaseTest.bindingPath(child, binding), ChildDatabaseTest.bindBody(Map.of()));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        JsonNode credentials = ChildDatabaseTest.json(bound).get("credentials");
        try (Connection app =
                        DriverManager.getConnection(credentials.get("jdbcUrl").asText() + "&permitMysqlScheme");
                Statement statement = app.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DATABASE()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(credentials.get("name").asText());
        }

        String bindingQuery = "?service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + ChildDatabaseTest.DB_100MB;
        assertThat(osb.delete(ChildDatabaseTest.bindingPath(child, binding) + bindingQuery)
                        .status())
                .isEqualTo(200);
        assertThat(osb.delete(ChildDatabaseTest.path(child) + bindingQuery).status())
                .isEqualTo(200);
        Answer deleting = osb.delete(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true&service_id="
                + ClusterLifeContract.SERVICE + "&plan_id=" + ClusterLifeContract.SMALL);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);

        Process process = running();
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("the broker stops on SIGTERM")
                .isTrue();
        assertThat(Files.readString(log)).doesNotContain("Exception");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void start(int port, String jdbcUrl) throws IOException, InterruptedException {
        Path module = Path.of("").toAbsolutePath();
        Path jar = module.resolve("target/dedicate-broker.jar");
        assertThat(jar).as("the packaged broker (failsafe runs after package)").exists();
        List<String> command = new ArrayList<>(List.of(
                "bash",
                module.resolve("broker.sh").toString(),
                jar.toString(),
                "--dedicate.bundle=" + TestBundles.mysqlBundle(),
                "--dedicate.data=" + data,
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--dedicate.username=" + RunningBroker.USERNAME,
                "--dedicate.password=" + RunningBroker.PASSWORD,
                "--dedicate.reports.signing-key=" + RunningBroker.REPORT_SIGNING_KEY,
                "--spring.datasource.url=" + jdbcUrl));
        log = data.resolve("broker.log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DEDICATE_CDS");
        builder.environment().remove("DEDICATE_JAVA_OPTS");
        broker = builder.start();
        osb = new OsbClient(() -> "http://127.0.0.1:" + port);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(running().isAlive())
                    .as(() -> "broker.sh exited early:\n" + tail())
                    .isTrue();
            if (answers(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the broker did not answer within " + START_TIMEOUT + ":\n" + tail());
    }

    private boolean answers(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            // a cheap check that the port listens before an HTTP request with its longer time-out
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
        } catch (IOException e) {
            return false;
        }
        try {
            return osb.get("/v2/catalog").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Process running() {
        Process process = broker;
        if (process == null) {
            throw new AssertionError("the broker process was not started");
        }
        return process;
    }

    private String tail() {
        return ClusterBrokerProcess.tail(log);
    }
}
