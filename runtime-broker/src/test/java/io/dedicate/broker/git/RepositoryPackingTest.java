package io.dedicate.broker.git;

import static io.dedicate.broker.git.Changes.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packing as {@code git gc --auto} does: the loose objects into a pack of their own, and everything into one pack
 * once there are too many; the repository stays sound for git and the branch readable throughout.
 */
class RepositoryPackingTest {
    private static final Pattern LOOSE = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{38}");

    @TempDir
    Path data;

    @Test
    void looseObjectsGoIntoPacksOfTheirOwnUntilTooManyThenEverythingIsRepacked() throws IOException {
        Path bare = data.resolve("deployments.git");
        try (GitDeployer deployer = GitDeployer.open(GitSettings.local(data))) {
            assertThat(deployer.packIfNeeded(0))
                    .as("nothing loose: nothing to pack")
                    .isFalse();
            int instance = 0;
            for (int packing = 1; packing <= GitDeployer.PACKS_BEFORE_REPACK; packing++) {
                for (int i = 0; i < 5; i++, instance++) {
                    deployer.commit(deploy("op-" + instance, "org", "space", "i" + instance, "v1"));
                }
                List<String> packsBefore = packs(bare);
                assertThat(deployer.packIfNeeded(1_000)).as("below the limit").isFalse();
                assertThat(deployer.packIfNeeded(0)).isTrue();

                assertThat(loose(bare)).isEmpty();
                assertThat(packs(bare)).hasSize(packing).containsAll(packsBefore);
                GitCli.assertSound(bare);
            }
            deployer.commit(deploy("op-last", "org", "space", "i0", "v2"));
            List<String> incremental = packs(bare);
            // the repack deletes the packs it replaces once they are a minute old (GitDeployer.PACK_EXPIRY)
            FileTime twoMinutesAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(2)));
            for (String pack : incremental) {
                Files.setLastModifiedTime(bare.resolve("objects/pack").resolve(pack), twoMinutesAgo);
            }
            assertThat(deployer.packIfNeeded(0)).isTrue();

            assertThat(loose(bare)).isEmpty();
            assertThat(packs(bare)).hasSize(1).doesNotContainAnyElementsOf(incremental);
            GitCli.assertSound(bare);
            assertThat(GitCli.run(bare, "ls-tree", "-r", "--name-only", "main"))
                    .contains("org/space/i" + (instance - 1) + "/pipeline.yml");
            assertThat(GitCli.run(bare, "show", "main:org/space/i0/manifest.yml"))
                    .contains("v2");
        }
        try (GitDeployer reopened = GitDeployer.open(GitSettings.local(data))) {
            assertThat(reopened.tipCommitId())
                    .isEqualTo(GitCli.run(bare, "rev-parse", "main").strip());
        }
    }

    private static List<String> loose(Path bare) throws IOException {
        Path objects = bare.resolve("objects");
        try (Stream<Path> files = Files.walk(objects)) {
            return files.map(file -> objects.relativize(file).toString())
                    .filter(name -> LOOSE.matcher(name).matches())
                    .toList();
        }
    }

    private static List<String> packs(Path bare) throws IOException {
        try (Stream<Path> files = Files.list(bare.resolve("objects/pack"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".pack"))
                    .sorted()
                    .toList();
        }
    }
}
