package io.dedicate.broker.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleLocksTest {

    @TempDir
    Path data;

    @Test
    void aKilledCommitsBranchLockAndAKilledGcsFilesAreRemovedAndTheNextCommitLands() throws IOException {
        GitSettings settings = GitSettings.local(data);
        try (GitDeployer git = GitDeployer.open(settings)) {
            git.commit(change("op-1"));
        }
        Path repository = settings.localRepository();
        Path branchLock = Files.writeString(repository.resolve("refs/heads/main.lock"), "partial");
        Path gcPid = Files.writeString(repository.resolve("gc.pid"), "12345 host");
        Path gcLog = Files.writeString(repository.resolve("gc.log"), "error");

        assertThat(StaleLocks.removeFrom(repository)).containsExactlyInAnyOrder(branchLock, gcPid, gcLog);

        assertThat(branchLock).doesNotExist();
        try (GitDeployer git = GitDeployer.open(settings)) {
            assertThat(git.commit(change("op-2")).alreadyCommitted()).isFalse();
            assertThat(git.read("a/marker")).isEqualTo("op-2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(StaleLocks.removeFrom(repository)).isEmpty();
    }

    private static ChangeSet change(String operation) {
        return new ChangeSet(
                operation,
                "commit " + operation,
                "a/marker",
                Map.of("a/file.yml", ("x: " + operation).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Set.of());
    }
}
