package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.cli.DedicateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedicate render} writes exactly the files the broker commits: a real broker provisions a
 * cluster with parameters into its real git repository, then the command line renders the same
 * operation (same instance, operation ID, broker URL and repository) offline, from the compiled
 * bundle and from the offering files, and every file matches byte for byte, with no file more or
 * less.
 */
class RenderMatchesCommitTest {

    @TempDir
    Path data;

    @TempDir
    Path out;

    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, TestStores.jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void renderWritesWhatTheBrokerCommitsForADeploy() throws IOException {
        String id = UUID.randomUUID().toString();
        Map<String, Object> parameters = Map.of("max_connections", 2000, "audit_log", true);
        Answer created = osb.put(
                ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, parameters));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String operation = created.text("operation");
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + id;
        Map<String, String> committed = new TreeMap<>();
        for (String name : List.of("pipeline.yml", "manifest.yml", "vars.yml", "operation.json", "secrets.cms")) {
            String content = repository.read(folder + "/" + name);
            if (content != null) {
                committed.put(name, content);
            }
        }
        assertThat(committed).containsKeys("pipeline.yml", "manifest.yml", "vars.yml", "operation.json");
        String reportUrl = ClusterLifeContract.reportUrl(String.valueOf(committed.get("operation.json")));
        String suffix = "/operations/" + operation + "/report";
        assertThat(reportUrl).endsWith(suffix);
        GitDeployer git = broker.bean(GitDeployer.class);

        for (Path source :
                List.of(TestBundles.mysqlBundle(), TestBundles.repoRoot().resolve("offerings"))) {
            Path target = out.resolve(source.getFileName().toString());
            List<String> args = new ArrayList<>(List.of(
                    "render",
                    source.toString(),
                    "--plan",
                    "cluster-small",
                    "--operation",
                    "deploy",
                    "-p",
                    "max_connections=2000",
                    "-p",
                    "audit_log=true",
                    "--instance-id",
                    id,
                    "--instance-name",
                    "my-cluster",
                    "--org",
                    "my-org",
                    "--space",
                    "my-space",
                    "--org-guid",
                    ClusterLifeContract.ORG,
                    "--space-guid",
                    ClusterLifeContract.SPACE,
                    "--operation-id",
                    operation,
                    "--broker-url",
                    reportUrl.substring(0, reportUrl.length() - suffix.length()),
                    "--git-uri",
                    git.uri(),
                    "--git-branch",
                    git.branch(),
                    "--out",
                    target.toString()));
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            int status = DedicateCommand.run(
                    args.toArray(String[]::new), new PrintWriter(stdout, true), new PrintWriter(stderr, true));
            assertThat(status).as(stderr.toString()).isZero();
            assertThat(rendered(target)).as("rendered from " + source).isEqualTo(committed);
        }
    }

    private static Map<String, String> rendered(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path file : listed.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
