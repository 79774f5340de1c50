package io.dedicate.broker.git;

import static io.dedicate.broker.git.Changes.bytes;
import static io.dedicate.broker.git.Changes.deploy;
import static io.dedicate.broker.git.Changes.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDeployerLocalTest {
    @TempDir
    Path data;

    @Test
    void firstCommitCreatesMainInABareRepositoryAndLaterOnesReplaceAndDelete() throws Exception {
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            Path bare = data.resolve("deployments.git");
            assertThat(deployer.localRepository()).isEqualTo(bare.toAbsolutePath());
            assertThat(deployer.uri()).startsWith("file:/").endsWith("/deployments.git");
            assertThat(deployer.branch()).isEqualTo("main");
            assertThat(deployer.read("o/s/a/pipeline.yml")).isNull();
            assertThat(deployer.tipCommitId()).isNull();

            CommitResult first = deployer.commit(deploy("op-1", "o", "s", "a", "v1"));
            deployer.commit(deploy("op-2", "o", "s", "b", "v1"));
            deployer.commit(withMeta(deploy("op-3", "o", "t", "c", "v1")));

            assertThat(first.alreadyCommitted()).isFalse();
            assertThat(first.commitId()).hasSize(40);
            assertThat(text(deployer.read("o/s/a/pipeline.yml"))).isEqualTo("pipeline a v1\n");
            assertThat(text(deployer.read("o/s/a/operation"))).isEqualTo("op-1\n");
            assertThat(text(deployer.read("meta-pipeline.yml"))).isEqualTo("meta\n");
            assertThat(deployer.read("o/s/a")).as("a folder is not a file").isNull();

            ChangeSet second = new ChangeSet(
                    "op-4",
                    "Update a, delete b",
                    "o/s/a/operation",
                    Map.of("o/s/a/pipeline.yml", bytes("pipeline a v2\n")),
                    Set.of("o/s/b", "o/s/a/vars.yml", "never/there"));
            CommitResult update = deployer.commit(second);

            assertThat(update.alreadyCommitted()).isFalse();
            assertThat(text(deployer.read("o/s/a/pipeline.yml"))).isEqualTo("pipeline a v2\n");
            assertThat(text(deployer.read("o/s/a/manifest.yml"))).isEqualTo("manifest a v1\n");
            assertThat(deployer.read("o/s/a/vars.yml")).isNull();
            assertThat(deployer.read("o/s/b/pipeline.yml")).isNull();
            assertThat(text(deployer.read("o/s/a/operation"))).isEqualTo("op-4\n");

            assertThat(GitCli.run(bare, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main\n");
            assertThat(GitCli.run(bare, "rev-parse", "--is-bare-repository")).isEqualTo("true\n");
            assertThat(GitCli.run(bare, "ls-tree", "-r", "--name-only", "main")).isEqualTo("""
                            meta-pipeline.yml
                            o/s/a/manifest.yml
                            o/s/a/operation
                            o/s/a/pipeline.yml
                            o/t/c/manifest.yml
                            o/t/c/operation
                            o/t/c/pipeline.yml
                            o/t/c/vars.yml
                            """);
            GitCli.assertSound(bare);

            try (Repository repository = openBare(bare);
                    Git git = Git.wrap(repository)) {
                List<RevCommit> log = new ArrayList<>();
                git.log().call().forEach(log::add);
                assertThat(log).hasSize(4);
                assertThat(log.get(0).getFullMessage())
                        .isEqualTo("Update a, delete b\n\nOperation-Id: op-4\n")
                        .isEqualTo(GitCli.run(bare, "log", "-1", "--format=%B", "main")
                                .replaceAll("\n+$", "\n"));
                assertThat(log.get(3).getFullMessage()).endsWith("\n\nOperation-Id: op-1\n");
                assertThat(log.get(3).getShortMessage()).isEqualTo("Deploy a (v1)");
                assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("dedicate broker");
                assertThat(log.get(0).getCommitterIdent().getEmailAddress()).isEqualTo("broker@dedicate.invalid");
                assertThat(log)
                        .allSatisfy(
                                commit -> assertThat(commit.getParentCount()).isLessThanOrEqualTo(1));
                assertThat(log.get(0).name()).isEqualTo(update.commitId());
            }
        }
    }

    @Test
    void theSameChangeSetTwiceCommitsOnceEvenAcrossARestart() throws Exception {
        ChangeSet change = deploy("op-1", "o", "s", "a", "v1");
        String commitId;
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            assertThat(deployer.isCommitted("o/s/a/operation", "op-1")).isFalse();
            commitId = deployer.commit(change).commitId();
            assertThat(deployer.isCommitted("o/s/a/operation", "op-1")).isTrue();
            assertThat(deployer.isCommitted("o/s/a/operation", "op-0")).isFalse();

            CommitResult again = deployer.commit(change);

            assertThat(again).isEqualTo(new CommitResult(commitId, true));
        }
        try (GitDeployer restarted = GitDeployer.open(GitSettings.local(data))) {
            restarted.commit(deploy("op-2", "o", "s", "other", "v1"));

            CommitResult afterRestart = restarted.commit(change);

            assertThat(afterRestart.alreadyCommitted()).isTrue();
            assertThat(afterRestart.commitId()).isEqualTo(restarted.tipCommitId());
            assertThat(GitCli.run(data.resolve("deployments.git"), "rev-list", "--count", "main"))
                    .isEqualTo("2\n");
        }
    }

    @Test
    void manyLooseObjectsArePackedAndEverythingStaysReadable() throws Exception {
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            for (int i = 0; i < 40; i++) {
                deployer.commit(deploy("op-" + i, "o", "s", "instance-" + i, "v" + i));
            }
            assertThat(deployer.packIfNeeded(1_000_000)).isFalse();
            assertThat(deployer.packIfNeeded(20)).isTrue();
            assertThat(deployer.packIfNeeded(20)).isFalse();
            assertThat(deployer.read("o/s/instance-7/operation")).isNotNull();
            deployer.commit(deploy("op-after", "o", "s", "instance-after", "v"));
            assertThat(GitCli.run(data.resolve("deployments.git"), "fsck", "--strict"))
                    .isEmpty();
            assertThat(GitCli.run(data.resolve("deployments.git"), "rev-list", "--count", "main"))
                    .isEqualTo("41\n");
        }
    }

    @Test
    void aFolderDeletedAndWrittenInOneChangeSetHoldsOnlyTheNewFiles() throws Exception {
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            deployer.commit(deploy("op-1", "o", "s", "a", "v1"));

            deployer.commit(new ChangeSet(
                    "op-2",
                    "Recreate a",
                    "o/s/a/operation",
                    Map.of("o/s/a/pipeline.yml", bytes("new\n")),
                    Set.of("o/s/a")));

            assertThat(GitCli.run(data.resolve("deployments.git"), "ls-tree", "-r", "--name-only", "main"))
                    .isEqualTo("o/s/a/operation\no/s/a/pipeline.yml\n");
        }
    }

    @Test
    void namesThatSortDifferentlyAsFilesAndFoldersKeepGitsOrder() throws Exception {
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            deployer.commit(new ChangeSet(
                    "op-1",
                    "Tricky names",
                    "x/operation",
                    Map.of(
                            "x/a.txt", bytes("1"),
                            "x/a-b", bytes("2"),
                            "x/a0", bytes("3"),
                            "x/b", bytes("4")),
                    Set.of()));
            deployer.commit(new ChangeSet(
                    "op-2",
                    "Folder named like a prefix of files",
                    "x/operation",
                    Map.of("x/a/inside", bytes("5"), "x/a.txt", bytes("6"), "x/b/inside", bytes("7")),
                    Set.of()));

            Path bare = data.resolve("deployments.git");
            GitCli.assertSound(bare);
            assertThat(GitCli.run(bare, "ls-tree", "--name-only", "main:x"))
                    .as("git order: the folder 'a' sorts as 'a/', after 'a.txt' and 'a-b', before 'a0'")
                    .isEqualTo("a-b\na.txt\na\na0\nb\noperation\n");
            assertThat(text(deployer.read("x/b/inside"))).isEqualTo("7");
            assertThat(text(deployer.read("x/a.txt"))).isEqualTo("6");
        }
    }

    @Test
    void concurrentCommitsFromManyThreadsAreAllKeptInALinearHistory() throws Exception {
        int threads = 8;
        int perThread = 25;
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        deployer.commit(deploy("op-" + thread + "-" + i, "o", "s" + thread, "i" + i, "v" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertLinearHistoryOf(data.resolve("deployments.git"), threads * perThread);
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat(text(deployer.read("o/s" + t + "/i" + i + "/pipeline.yml")))
                            .isEqualTo("pipeline i" + i + " v" + i + "\n");
                }
            }
        }
    }

    @Test
    void twoDeployersOnOneRepositoryLikeTwoReplicasLoseNothing() throws Exception {
        int perReplica = 30;
        try (GitDeployer first = GitDeployer.open(GitSettings.local(data));
                GitDeployer second = GitDeployer.open(GitSettings.local(data))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                GitDeployer deployer = r % 2 == 0 ? first : second;
                int replica = r;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perReplica; i++) {
                        deployer.commit(deploy("op-" + replica + "-" + i, "o", "r" + replica, "i" + i, "v1"));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertLinearHistoryOf(data.resolve("deployments.git"), 4 * perReplica);
            assertThat(GitCli.run(data.resolve("deployments.git"), "ls-tree", "-r", "--name-only", "main")
                            .lines()
                            .count())
                    .isEqualTo(4L * perReplica * 4);
        }
    }

    @Test
    void aDataDirectoryHoldingSomethingElseIsRefusedClearly() throws Exception {
        Files.createDirectories(data.resolve("deployments.git"));
        Files.writeString(data.resolve("deployments.git/notes.txt"), "not a repository");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GitDeployer.open(GitSettings.local(data)))
                .isInstanceOf(GitDeployException.class)
                .hasMessageContaining("deployments.git")
                .hasMessageContaining("not a git repository");
    }

    static void assertLinearHistoryOf(Path bare, int commits) throws Exception {
        GitCli.assertSound(bare);
        assertThat(GitCli.run(bare, "rev-list", "--count", "main")).isEqualTo(commits + "\n");
        assertThat(GitCli.run(bare, "rev-list", "--count", "--merges", "main")).isEqualTo("0\n");
        try (Repository repository = openBare(bare);
                Git git = Git.wrap(repository)) {
            Set<String> operations = new HashSet<>();
            for (RevCommit commit : git.log().call()) {
                assertThat(commit.getParentCount()).isLessThanOrEqualTo(1);
                List<String> trailer = commit.getFullMessage()
                        .lines()
                        .filter(line -> line.startsWith("Operation-Id: "))
                        .toList();
                assertThat(trailer).hasSize(1);
                operations.add(trailer.get(0));
            }
            assertThat(operations).as("each operation committed once").hasSize(commits);
            Ref main = repository.exactRef(Constants.R_HEADS + "main");
            assertThat(main).isNotNull();
        }
    }

    static Repository openBare(Path bare) throws Exception {
        return new FileRepositoryBuilder()
                .setGitDir(bare.toFile())
                .setMustExist(true)
                .build();
    }

    private static ChangeSet withMeta(ChangeSet change) {
        Map<String, byte[]> writes = new java.util.HashMap<>(change.writes());
        writes.put("meta-pipeline.yml", bytes("meta\n"));
        return new ChangeSet(change.operationId(), change.message(), change.markerPath(), writes, change.deletes());
    }
}
