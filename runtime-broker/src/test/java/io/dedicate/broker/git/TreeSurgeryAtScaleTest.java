package io.dedicate.broker.git;

import static io.dedicate.broker.git.Changes.bytes;
import static io.dedicate.broker.git.Changes.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits into a repository with thousands of instance folders: only the trees on the changed path are rewritten. */
class TreeSurgeryAtScaleTest {
    @TempDir
    Path data;

    @Test
    void changingOneOfTwoThousandInstancesChangesOnlyItsBlobsAndTheTreesAboveIt() {
        Path bare = data.resolve("deployments.git");
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            long[] nanos = new long[2000];
            for (int i = 0; i < 2000; i++) {
                long start = System.nanoTime();
                deployer.commit(deploy("op-" + i, "org", i % 2 == 0 ? "even" : "odd", "i" + i, "v1"));
                nanos[i] = System.nanoTime() - start;
            }
            report("2,000 single-instance commits into a growing tree (up to 8,000 files)", nanos);
            String before = GitCli.run(bare, "ls-tree", "-r", "main");
            String oddTreeBefore = GitCli.run(bare, "rev-parse", "main:org/odd");
            String untouchedBefore = GitCli.run(bare, "rev-parse", "main:org/even/i0");

            deployer.commit(deploy("op-change", "org", "even", "i1000", "v2"));

            String after = GitCli.run(bare, "ls-tree", "-r", "main");
            assertThat(before.lines().count()).isEqualTo(8000L);
            assertThat(after.lines().count()).isEqualTo(8000L);
            Set<String> removed = new HashSet<>(before.lines().toList());
            after.lines().toList().forEach(removed::remove);
            Set<String> added = new HashSet<>(after.lines().toList());
            before.lines().toList().forEach(added::remove);
            assertThat(paths(removed))
                    .containsExactlyInAnyOrder(
                            "org/even/i1000/manifest.yml",
                            "org/even/i1000/operation",
                            "org/even/i1000/pipeline.yml",
                            "org/even/i1000/vars.yml");
            assertThat(paths(added)).isEqualTo(paths(removed));
            assertThat(GitCli.run(bare, "rev-parse", "main:org/odd")).isEqualTo(oddTreeBefore);
            assertThat(GitCli.run(bare, "rev-parse", "main:org/even/i0")).isEqualTo(untouchedBefore);
            assertThat(GitCli.run(bare, "diff-tree", "-r", "--name-only", "main~1", "main"))
                    .isEqualTo("""
                            org/even/i1000/manifest.yml
                            org/even/i1000/operation
                            org/even/i1000/pipeline.yml
                            org/even/i1000/vars.yml
                            """);
            GitCli.assertSound(bare);
        }
    }

    @Test
    void aCommitAmongTenThousandInstanceFoldersTakesMilliseconds() {
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            int batches = 100;
            int perBatch = 100;
            for (int batch = 0; batch < batches; batch++) {
                Map<String, byte[]> writes = new HashMap<>();
                for (int i = batch * perBatch; i < (batch + 1) * perBatch; i++) {
                    String folder = "org/space/i" + i;
                    writes.put(folder + "/pipeline.yml", bytes("pipeline " + i + "\n"));
                    writes.put(folder + "/manifest.yml", bytes("manifest " + i + "\n"));
                    writes.put(folder + "/vars.yml", bytes("vars " + i + "\n"));
                }
                deployer.commit(new ChangeSet(
                        "seed-" + batch,
                        "Seed " + batch,
                        "org/space/i" + batch * perBatch + "/operation",
                        writes,
                        Set.of()));
            }
            long[] nanos = new long[300];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                deployer.commit(deploy("op-" + i, "org", "space", "i" + (i * 31 % 10_000), "v2"));
                nanos[i] = System.nanoTime() - start;
            }
            report("300 commits, each changing one of 10,000 instance folders in one space (~30,000 files)", nanos);

            assertThat(Changes.text(deployer.read("org/space/i31/pipeline.yml")))
                    .isEqualTo("pipeline i31 v2\n");
            assertThat(Changes.text(deployer.read("org/space/i9999/pipeline.yml")))
                    .isEqualTo("pipeline 9999\n");
            GitCli.assertSound(data.resolve("deployments.git"));
        }
    }

    private static List<String> paths(Set<String> lsTreeLines) {
        List<String> paths = new ArrayList<>();
        for (String line : lsTreeLines) {
            paths.add(line.substring(line.indexOf('\t') + 1));
        }
        paths.sort(null);
        return paths;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(nanos).sum() / 1e6;
        System.out.printf(
                "%s: mean %.2f ms, p50 %.2f ms, p90 %.2f ms, max %.2f ms%n",
                what,
                total / nanos.length,
                sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
