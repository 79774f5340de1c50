package io.dedicate.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.git.GitSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operation without secret values removes the {@code secrets.cms} an earlier operation committed (the pipeline
 * would otherwise deploy the old values), on a real git repository; an operation with some replaces it.
 */
class StaleSecretsTest {

    @TempDir
    Path data;

    @Test
    void anOperationWithoutSecretsRemovesTheEnvelopeOfAnEarlierOne() throws Exception {
        String folder = "org/space/instance-1";
        try (GitDeployer git = GitDeployer.open(GitSettings.local(data))) {
            Map<String, byte[]> withSecrets = Map.of(
                    folder + "/manifest.yml", bytes("manifest 1\n"),
                    folder + "/secrets.cms", bytes("-----BEGIN CMS-----\n1\n"));
            assertThat(OperationCommitter.staleFiles(folder, withSecrets)).isEmpty();
            git.commit(change("op-1", folder, withSecrets));
            assertThat(git.read(folder + "/secrets.cms")).isNotNull();

            Map<String, byte[]> without = Map.of(folder + "/manifest.yml", bytes("manifest 2\n"));
            assertThat(OperationCommitter.staleFiles(folder, without)).containsExactly(folder + "/secrets.cms");
            git.commit(change("op-2", folder, without));
            assertThat(git.read(folder + "/secrets.cms")).isNull();
            assertThat(git.read(folder + "/manifest.yml")).isEqualTo(bytes("manifest 2\n"));

            git.commit(change("op-3", folder, without));
            assertThat(git.read(folder + "/operation")).isEqualTo(bytes("op-3\n"));
        }
    }

    private static ChangeSet change(String operation, String folder, Map<String, byte[]> writes) {
        return new ChangeSet(
                operation,
                "operation " + operation,
                OperationCommitter.markerPath(folder),
                writes,
                OperationCommitter.staleFiles(folder, writes));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
