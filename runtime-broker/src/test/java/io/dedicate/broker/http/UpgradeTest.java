package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.OfferingCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new release of the offering reaches an existing cluster: a cluster deployed by the 1.4.0 bundle
 * survives a broker restart on the 1.5.0 bundle (same data directory and database) and is upgraded
 * by {@code PATCH} with the new {@code maintenance_info.version}, which commits the upgrade
 * pipeline. The old version is refused afterwards with 422 MaintenanceInfoConflict: OSB says a
 * broker that does not offer the requested version answers so.
 */
class UpgradeTest {

    @TempDir
    Path temp;

    /** The offerings of the repository with the offering's version set to 1.5.0, compiled. */
    Path bundle150() throws IOException {
        Path source = TestBundles.repoRoot().resolve("offerings");
        Path copy = temp.resolve("offerings-1.5.0");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted().toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path offering = copy.resolve("mysql.offering");
        String text = Files.readString(offering, StandardCharsets.UTF_8);
        String bumped =
                text.replace("offering mysql-on-demand version 1.4.0", "offering mysql-on-demand version 1.5.0");
        assertThat(bumped).as("the offering's version line").isNotEqualTo(text);
        Files.writeString(offering, bumped, StandardCharsets.UTF_8);
        Bundle bundle = new OfferingCompiler().compile(List.of(copy));
        assertThat(bundle.result().hasErrors())
                .as(bundle.result().diagnostics().toString())
                .isFalse();
        return TestBundles.write(new TreeMap<>(bundle.files().files()), temp.resolve("bundle-1.5.0"));
    }

    static String maintenanceVersion(Path bundle) throws IOException {
        JsonNode catalog =
                OsbClient.JSON.readTree(bundle.resolve("catalog.json").toFile());
        return catalog.get("services")
                .get(0)
                .get("plans")
                .get(0)
                .get("maintenance_info")
                .get("version")
                .asText();
    }

    static ClusterLifeContract life(RunningBroker broker, Path data) {
        ClusterLifeContract life = new ClusterLifeContract() {
            @Override
            String jdbcUrl(Path ignored) {
                return "";
            }
        };
        life.broker = broker;
        life.osb = new OsbClient(broker::baseUrl);
        life.repository = new DeploymentRepository(data.resolve("deployments.git"));
        return life;
    }

    static Map<String, Object> upgradeTo(String version) {
        Map<String, Object> body = ClusterLifeContract.update(null, Map.of());
        body.put("maintenance_info", Map.of("version", version));
        return body;
    }

    @Test
    void aClusterOfTheOldReleaseIsUpgraded() throws IOException {
        Path data = temp.resolve("data");
        String jdbc = TestStores.jdbcUrl(data);
        Path old = TestBundles.mysqlBundle();
        Path next = bundle150();
        String oldVersion = maintenanceVersion(old);
        String newVersion = maintenanceVersion(next);
        assertThat(oldVersion).startsWith("1.4.0");
        assertThat(newVersion).startsWith("1.5.0");
        String id = UUID.randomUUID().toString();

        try (RunningBroker broker = new RunningBroker(old, data, jdbc, Map.of()).start()) {
            life(broker, data).provisionReady(id);
        }

        try (RunningBroker broker = new RunningBroker(next, data, jdbc, Map.of()).start()) {
            ClusterLifeContract life = life(broker, data);
            String path = ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true";
            assertThat(life.osb.get(ClusterLifeContract.instancePath(id)).status())
                    .isEqualTo(200);
            assertThat(broker.bean(InstanceStore.class)
                            .findInstance(id)
                            .orElseThrow()
                            .maintenanceVersion())
                    .isEqualTo(oldVersion);
            int commits = life.repository.commitCount();

            Answer upgrading = life.osb.patch(path, upgradeTo(newVersion));
            assertThat(upgrading.status()).as(upgrading.toString()).isEqualTo(202);
            String operation = upgrading.text("operation");
            assertThat(life.repository.commitCount()).isEqualTo(commits + 1);
            assertThat(life.repository.operationMessages().get(0))
                    .contains("upgrade")
                    .contains(operation);
            String pipeline = life.file(life.folder(id) + "/pipeline.yml");
            assertThat(pipeline).contains("offering mysql-on-demand 1.5.0").contains("upgrade-bosh-deploy");
            assertThat(ConcourseSchema.parse(life.file(life.folder(id) + "/operation.json"))
                            .path("kind")
                            .asText())
                    .isEqualTo("upgrade");
            assertThat(ConcourseSchema.violations(pipeline)).isEmpty();
            assertThat(life.lastOperation(id, operation).text("state")).isEqualTo("in progress");

            Answer reported = life.report(id, "succeeded", Map.of());
            assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
            assertThat(life.lastOperation(id, operation).text("state")).isEqualTo("succeeded");
            Answer fetched = life.osb.get(ClusterLifeContract.instancePath(id));
            assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
            assertThat(fetched.text("plan_id")).isEqualTo(ClusterLifeContract.SMALL);
            assertThat(broker.bean(InstanceStore.class)
                            .findInstance(id)
                            .orElseThrow()
                            .maintenanceVersion())
                    .isEqualTo(newVersion);

            // the same version again changes nothing; the old one is no longer offered
            int upgraded = life.repository.commitCount();
            Answer again = life.osb.patch(path, upgradeTo(newVersion));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            Answer back = life.osb.patch(path, upgradeTo(oldVersion));
            assertThat(back.status()).as(back.toString()).isEqualTo(422);
            assertThat(back.text("error")).isEqualTo("MaintenanceInfoConflict");
            assertThat(back.text("description")).contains(oldVersion).contains(newVersion);
            assertThat(life.repository.commitCount()).isEqualTo(upgraded);
        }
    }
}
