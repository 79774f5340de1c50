package io.dedicate.broker.git;

import static io.dedicate.broker.git.Changes.deploy;
import static io.dedicate.broker.git.Changes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second bare repository in a temporary folder plays the remote deployment repository. */
class GitDeployerRemoteTest {
    @TempDir
    Path temp;

    Path remote;

    @BeforeEach
    void createRemote() throws Exception {
        remote = temp.resolve("remote.git");
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();
    }

    @Test
    void commitsLandOnTheRemoteThroughALocalMirror() throws Exception {
        try (GitDeployer deployer = GitDeployer.open(GitSettings.remote(temp.resolve("data"), remote.toString()))) {
            assertThat(deployer.uri()).isEqualTo(remote.toString());
            assertThat(deployer.localRepository())
                    .isEqualTo(temp.resolve("data/deployments-mirror.git").toAbsolutePath());

            CommitResult first = deployer.commit(deploy("op-1", "o", "s", "a", "v1"));
            CommitResult second = deployer.commit(deploy("op-2", "o", "s", "b", "v1"));

            assertThat(GitCli.run(remote, "rev-parse", "main")).isEqualTo(second.commitId() + "\n");
            assertThat(GitCli.run(remote, "rev-parse", "main~1")).isEqualTo(first.commitId() + "\n");
            assertThat(GitCli.run(remote, "show", "main:o/s/a/pipeline.yml")).isEqualTo("pipeline a v1\n");
            assertThat(GitCli.run(remote, "log", "-1", "--format=%(trailers:key=Operation-Id,valueonly)", "main"))
                    .startsWith("op-2");
            GitCli.assertSound(remote);
            GitCli.assertSound(deployer.localRepository());
        }
    }

    @Test
    void aForeignCommitPushedMeanwhileIsKeptAndOursIsRebasedOnTopWithoutForce() throws Exception {
        Path clone = temp.resolve("someone-else");
        try (GitDeployer deployer = GitDeployer.open(GitSettings.remote(temp.resolve("data"), remote.toString()))) {
            deployer.commit(deploy("op-1", "o", "s", "a", "v1"));

            ObjectId foreign;
            try (Git other = Git.cloneRepository()
                    .setURI(remote.toString())
                    .setDirectory(clone.toFile())
                    .call()) {
                Files.writeString(clone.resolve("meta-pipeline.yml"), "meta by hand\n");
                other.add().addFilepattern("meta-pipeline.yml").call();
                foreign = other.commit()
                        .setMessage("Hand-made meta pipeline")
                        .setAuthor("someone", "someone@example.org")
                        .setCommitter("someone", "someone@example.org")
                        .call()
                        .getId();
                other.push().call();
            }
            assertThat(GitCli.run(remote, "rev-parse", "main")).isEqualTo(foreign.name() + "\n");

            CommitResult ours = deployer.commit(deploy("op-2", "o", "s", "b", "v1"));

            assertThat(ours.alreadyCommitted()).isFalse();
            assertThat(GitCli.run(remote, "rev-parse", "main")).isEqualTo(ours.commitId() + "\n");
            try (Repository repository = GitDeployerLocalTest.openBare(remote);
                    RevWalk walk = new RevWalk(repository)) {
                RevCommit tip = walk.parseCommit(ObjectId.fromString(ours.commitId()));
                assertThat(tip.getParentCount()).isEqualTo(1);
                assertThat(tip.getParent(0).getId())
                        .as("rebased on the foreign commit")
                        .isEqualTo(foreign);
                assertThat(walk.isMergedInto(walk.parseCommit(foreign), tip)).isTrue();
            }
            assertThat(GitCli.run(remote, "show", "main:meta-pipeline.yml")).isEqualTo("meta by hand\n");
            assertThat(GitCli.run(remote, "show", "main:o/s/a/pipeline.yml")).isEqualTo("pipeline a v1\n");
            assertThat(GitCli.run(remote, "show", "main:o/s/b/pipeline.yml")).isEqualTo("pipeline b v1\n");
            assertThat(GitCli.run(remote, "rev-list", "--count", "--merges", "main"))
                    .isEqualTo("0\n");
            assertThat(text(deployer.read("meta-pipeline.yml"))).isEqualTo("meta by hand\n");
        }
    }

    @Test
    void anOperationPushedBeforeARestartIsFoundAndNotCommittedAgain() {
        ChangeSet change = deploy("op-1", "o", "s", "a", "v1");
        String pushed;
        try (GitDeployer deployer = GitDeployer.open(GitSettings.remote(temp.resolve("data"), remote.toString()))) {
            pushed = deployer.commit(change).commitId();
        }
        try (GitDeployer otherReplica =
                GitDeployer.open(GitSettings.remote(temp.resolve("other-data"), remote.toString()))) {
            assertThat(otherReplica.isCommitted("o/s/a/operation", "op-1")).isTrue();

            CommitResult again = otherReplica.commit(change);

            assertThat(again).isEqualTo(new CommitResult(pushed, true));
            assertThat(GitCli.run(remote, "rev-list", "--count", "main")).isEqualTo("1\n");
        }
    }

    @Test
    void aStaleMirrorFindsAnOperationThatLandedOnTheRemote() {
        ChangeSet change = deploy("op-1", "o", "s", "a", "v1");
        try (GitDeployer stale = GitDeployer.open(GitSettings.remote(temp.resolve("stale"), remote.toString()));
                GitDeployer other = GitDeployer.open(GitSettings.remote(temp.resolve("other"), remote.toString()))) {
            String pushed = other.commit(change).commitId();

            CommitResult result = stale.commit(change);

            assertThat(result).isEqualTo(new CommitResult(pushed, true));
            assertThat(GitCli.run(remote, "rev-list", "--count", "main")).isEqualTo("1\n");
        }
    }

    @Test
    void twoReplicasPushingConcurrentlyLoseNothing() throws Exception {
        int perReplica = 10;
        try (GitDeployer first = GitDeployer.open(GitSettings.remote(temp.resolve("r1"), remote.toString()));
                GitDeployer second = GitDeployer.open(GitSettings.remote(temp.resolve("r2"), remote.toString()))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> futures = new ArrayList<>();
            for (GitDeployer deployer : List.of(first, second)) {
                String replica = deployer == first ? "r1" : "r2";
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perReplica; i++) {
                        deployer.commit(deploy(replica + "-op-" + i, "o", replica, "i" + i, "v1"));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            GitDeployerLocalTest.assertLinearHistoryOf(remote, 2 * perReplica);
            first.refresh();
            assertThat(text(first.read("o/r2/i9/pipeline.yml"))).isEqualTo("pipeline i9 v1\n");
        }
    }

    @Test
    void anUnreachableRemoteOnFirstStartIsAClearError() {
        Path missing = temp.resolve("no-such-remote.git");

        assertThatThrownBy(() -> GitDeployer.open(GitSettings.remote(temp.resolve("data"), missing.toString())))
                .isInstanceOf(GitDeployException.class)
                .hasMessageContaining("cannot fetch the deployment repository " + missing);
    }
}
