package io.dedicate.broker.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path work;

    @Test
    void aSecondBrokerOnTheSameDirectoryIsRefusedWithThePidAndTheLockFile() {
        Path data = work.resolve("data");
        try (DataDirectory held = DataDirectory.lock(data)) {
            assertThat(held.path()).isEqualTo(data.toAbsolutePath());
            assertThatThrownBy(() -> DataDirectory.lock(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another broker")
                    .hasMessageContaining("PID " + ProcessHandle.current().pid())
                    .hasMessageContaining(data.resolve(DataDirectory.LOCK_FILE).toString());
        }
        // released on close: a restart takes it again
        DataDirectory.lock(data).close();
    }

    @Test
    void aNewDirectoryIsPrivateAndWhatOthersCouldReadIsMadePrivate() throws IOException {
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("deployments.git/objects"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("deployments.git"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = Files.writeString(data.resolve("state.mv.db"), "x");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
        DataDirectory held = DataDirectory.lock(data);
        try {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("deployments.git"))).isEqualTo("rwx------");
            assertThat(mode(state)).isEqualTo("rw-------");
            assertThat(mode(data.resolve(DataDirectory.LOCK_FILE))).isEqualTo("rw-------");
        } finally {
            held.close();
        }
        Path fresh = work.resolve("fresh/data");
        DataDirectory.lock(fresh).close();
        assertThat(mode(fresh)).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
