package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state change and its git commit are tied by the operation ID: an operation stored while the
 * remote repository is unreachable is committed by the broker's next start, exactly once.
 */
class RecoveryTest {

    @TempDir
    Path data;

    @TempDir
    Path remotes;

    @Test
    void anOperationStoredWhileTheRemoteIsDownIsCommittedOnceAfterARestart() throws Exception {
        Path remote = remotes.resolve("deployments.git");
        Path away = remotes.resolve("moved-away.git");
        try (Git bare = Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(remote.toFile())
                .call()) {
            // A push to a remote reachable as a path runs JGit's receive-pack in the broker's process; after its status
            // report (when the pushed ref is already visible here) it starts an automatic gc, which locks gc.log in the
            // remote (LockFile creates the missing folders): moved away at that moment, the remote's folder is created
            // again, and moving it back fails with FileAlreadyExistsException. Without receive.autogc, nothing writes
            // to the remote after the ref is visible.
            StoredConfig config = bare.getRepository().getConfig();
            config.setBoolean("receive", null, "autogc", false);
            config.save();
        }
        String jdbc = TestStores.jdbcUrl(data);
        try (RunningBroker broker = new RunningBroker(
                        TestBundles.mysqlBundle(),
                        data,
                        jdbc,
                        Map.of("dedicate.git.uri", remote.toString(), "dedicate.recovery-interval", "PT1S"))
                .start()) {
            OsbClient osb = new OsbClient(broker::baseUrl);
            DeploymentRepository repository = new DeploymentRepository(remote);

            // the start-up pass pushes the meta pipeline: let that push end before the remote goes
            // away (moving a repository in the middle of a push leaves its ref lock behind)
            waitUntil(() -> repository.messages().stream().anyMatch(m -> m.startsWith("meta pipeline:"))
                    && !Files.exists(remote.resolve("refs/heads/main.lock")));
            Files.move(remote, away);
            assertThat(remote)
                    .as("nothing writes to the remote once its ref is visible")
                    .doesNotExist();
            String id = UUID.randomUUID().toString();
            Answer created = osb.put(
                    ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true",
                    ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, Map.of()));
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            String operation = created.text("operation");
            assertThat(osb.get(ClusterLifeContract.instancePath(id) + "/last_operation?operation=" + operation)
                            .text("state"))
                    .isEqualTo("in progress");

            broker.stop();
            Files.move(away, remote);
            broker.start();

            List<String> commits = waitForOperationCommits(repository, 1);
            assertThat(commits.get(0)).contains("Operation-Id: " + operation);
            broker.bean(io.dedicate.broker.cluster.OperationRecovery.class).runOnce();
            assertThat(repository.operationMessages()).hasSize(1);
            String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + id;
            assertThat(repository.read(folder + "/operation")).isEqualTo(operation + "\n");
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the broker's start-up commit never reached the remote");
            }
            Thread.sleep(20);
        }
    }

    private static List<String> waitForOperationCommits(DeploymentRepository repository, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> messages = repository.operationMessages();
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            messages = repository.operationMessages();
        }
        assertThat(messages).hasSize(count);
        return messages;
    }
}
