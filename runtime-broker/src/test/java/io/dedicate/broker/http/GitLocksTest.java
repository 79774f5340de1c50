package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.CleanupStore;
import io.dedicate.broker.state.PendingCleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Git locks the broker cannot prove stale are named in the log and in {@code GET /health}; a cleanup commit that fails
 * is recorded in the state store and retried until done, also after a restart. Real repositories, real lock files.
 */
@ExtendWith(OutputCaptureExtension.class)
class GitLocksTest {

    @TempDir
    Path data;

    @TempDir
    Path remotes;

    /**
     * A lock file in the broker's own repository while it runs (a {@code git gc} an operator started, another
     * program): the cleanup commit of a delete fails, the health names the lock, the failure stays recorded; after a
     * restart the lock is provably stale (the broker holds its data directory), it is removed and the cleanup is done.
     */
    @Test
    void aFailedCleanupIsRecordedNamedInTheHealthAndDoneAfterARestart(CapturedOutput log) throws Exception {
        try (RunningBroker broker = new RunningBroker(
                        TestBundles.mysqlBundle(),
                        data,
                        TestStores.jdbcUrl(data),
                        Map.of("dedicate.recovery-interval", "PT1H"))
                .start()) {
            OsbClient osb = new OsbClient(broker::baseUrl);
            DeploymentRepository repository = new DeploymentRepository(data.resolve("deployments.git"));
            ClusterLifeContract life = life(broker, osb, repository);
            assertThat(health(osb).path("status").asText()).isEqualTo("UP");

            String id = UUID.randomUUID().toString();
            life.provisionReady(id);
            Answer deleting = osb.delete(ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true&service_id="
                    + ClusterLifeContract.SERVICE + "&plan_id=" + ClusterLifeContract.SMALL);
            assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
            String deleteOperation = deleting.text("operation");

            Path lock = data.resolve("deployments.git/refs/heads/main.lock");
            Files.writeString(lock, "held by another program\n");
            assertThat(life.report(id, "succeeded", Map.of()).status()).isEqualTo(200);

            String folder = life.folder(id);
            assertThat(repository.read(folder + "/pipeline.yml"))
                    .as("the folder stays while the branch is locked")
                    .isNotNull();
            List<PendingCleanup> pending = broker.bean(CleanupStore.class).pending();
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).instanceId()).isEqualTo(id);
            assertThat(pending.get(0).operationId()).isEqualTo(deleteOperation);
            assertThat(pending.get(0).gitPath()).isEqualTo(folder);
            assertThat(pending.get(0).attempts()).isGreaterThanOrEqualTo(1);
            assertThat(pending.get(0).lastError()).contains(lock.toString());

            JsonNode degraded = health(osb);
            assertThat(degraded.path("status").asText()).isEqualTo("DEGRADED");
            JsonNode git = degraded.path("components").path("git");
            assertThat(git.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(git.path("details").path("locks").get(0).path("file").asText())
                    .isEqualTo(lock.toString());
            assertThat(git.path("details").path("locks").get(0).path("reason").asText())
                    .contains("could not lock branch 'main'");
            assertThat(log.getOut() + log.getErr()).contains("the lock file " + lock + " exists");
            assertThat(osb.with("Authorization", null).get("/health").status())
                    .as("the health names files: credentials required")
                    .isEqualTo(401);

            broker.stop();
            broker.start();

            // The broker's own start-up passes (the cleanup retried, the meta pipeline, a gc packing refs) may hold
            // the branch's lock for a moment right now: what must be gone is the other program's lock file, removed
            // by the start-up sweep; once those passes are done, no lock file at all.
            assertThat(log.getOut() + log.getErr())
                    .as("removed at start-up: the broker holds its data directory")
                    .contains("Removed the stale git file " + lock + ": ");
            assertThat(contentIfPresent(lock))
                    .as("the other program's lock file is not there after the restart")
                    .doesNotContain("held by another program");
            waitUntil(() -> repository.read(folder + "/pipeline.yml") == null, "the folder removed after the restart");
            assertThat(repository.read(folder + "/operation.json")).isNull();
            waitUntil(() -> broker.bean(CleanupStore.class).pending().isEmpty(), "the cleanup marked done");
            waitUntil(() -> !Files.exists(lock), "no lock file left once the start-up passes are done");
            assertThat(health(osb).path("status").asText()).isEqualTo("UP");
            assertThat(repository.messages().stream()
                            .filter(m -> m.startsWith("remove deleted instance " + id))
                            .count())
                    .as("one cleanup commit")
                    .isEqualTo(1);
        }
    }

    /**
     * The branch lock of a remote repository (reachable as a path): another process may be pushing, so the broker
     * does not remove it; it names it in the log at start-up and in the health status as long as it is there.
     */
    @Test
    void aRemoteBranchLockIsNamedInTheLogAndTheHealthUntilItIsGone(CapturedOutput log) throws Exception {
        Path remote = remotes.resolve("deployments.git");
        try (Git bare = Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(remote.toFile())
                .call()) {
            StoredConfig config = bare.getRepository().getConfig();
            config.setBoolean("receive", null, "autogc", false);
            config.save();
        }
        Path lock = remote.resolve("refs/heads/main.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "0000000000000000000000000000000000000000\n");
        try (RunningBroker broker = new RunningBroker(
                        TestBundles.mysqlBundle(),
                        data,
                        TestStores.jdbcUrl(data),
                        Map.of("dedicate.git.uri", remote.toString(), "dedicate.recovery-interval", "PT1H"))
                .start()) {
            OsbClient osb = new OsbClient(broker::baseUrl);
            assertThat(log.getOut() + log.getErr())
                    .contains("The remote deployment repository's branch 'main' is locked by " + lock);
            JsonNode degraded = health(osb);
            assertThat(degraded.path("status").asText()).isEqualTo("DEGRADED");
            JsonNode locks =
                    degraded.path("components").path("git").path("details").path("locks");
            assertThat(locks).hasSize(1);
            assertThat(locks.get(0).path("file").asText()).isEqualTo(lock.toString());
            assertThat(locks.get(0).path("reason").asText()).contains("remote repository's branch 'main' is locked");
            assertThat(lock).as("not the broker's to remove").exists();

            Files.delete(lock);
            assertThat(health(osb).path("status").asText()).isEqualTo("UP");
        }
    }

    /** The file's content, or "" if it does not exist (the broker's own commits create and remove it). */
    private static String contentIfPresent(Path file) throws java.io.IOException {
        try {
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            return "";
        }
    }

    private static JsonNode health(OsbClient osb) {
        Answer answer = osb.get("/health");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json).as(answer.toString()).isNotNull();
        return java.util.Objects.requireNonNull(json);
    }

    private static ClusterLifeContract life(RunningBroker broker, OsbClient osb, DeploymentRepository repository) {
        ClusterLifeContract life = new ClusterLifeContract() {
            @Override
            String jdbcUrl(Path ignored) {
                return "";
            }
        };
        life.broker = broker;
        life.osb = osb;
        life.repository = repository;
        return life;
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
