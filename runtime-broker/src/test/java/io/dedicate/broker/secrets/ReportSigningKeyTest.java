package io.dedicate.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSigningKeyTest {

    private static final byte[] BODY = "{\"state\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeyGeneratedAtFirstStartIs64HexCharactersInAFileOnlyItsOwnerReads(@TempDir Path data) throws Exception {
        Path file = data.resolve("sub/report-signing.key");
        ReportSigningKey key = ReportSigningKey.fromFile(file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String text = Files.readString(file).strip();
        assertThat(text).matches("[0-9a-f]{64}");
        assertThat(key.toString()).doesNotContain(text);
        // the same file read again is the same key; a second start does not replace it
        ReportSigningKey again = ReportSigningKey.fromFile(file, true);
        assertThat(Files.readString(file).strip()).isEqualTo(text);
        assertThat(again.verifies("op-1", BODY, key.sign("op-1", BODY))).isTrue();
        assertThat(ReportSigningKey.fromHex(text, "test").verifies("op-1", BODY, key.sign("op-1", BODY)))
                .isTrue();
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void signaturesBindTheOperationAndTheBody() {
        ReportSigningKey key = ReportSigningKey.fromHex("11".repeat(32), "test");
        ReportSigningKey other = ReportSigningKey.fromHex("22".repeat(32), "test");
        String signature = key.sign("op-1", BODY);
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(key.verifies("op-1", BODY, signature)).isTrue();
        assertThat(key.verifies(
                        "op-1",
                        BODY,
                        signature.toUpperCase(java.util.Locale.ROOT).replace("SHA256=", "sha256=")))
                .isTrue();
        assertThat(key.verifies("op-2", BODY, signature)).isFalse();
        assertThat(key.verifies("op-1", "{}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(other.verifies("op-1", BODY, signature)).isFalse();
        assertThat(key.verifies("op-1", BODY, null)).isFalse();
        assertThat(key.verifies("op-1", BODY, signature.substring(7))).isFalse();
        assertThat(key.verifies("op-1", BODY, "sha256=" + "g".repeat(64))).isFalse();
    }

    @Test
    void badKeysAreRefusedWithoutShowingThem(@TempDir Path data) throws Exception {
        assertThatThrownBy(() -> ReportSigningKey.fromHex("not-a-key-0123", "dedicate.reports.signing-key"))
                .hasMessageContaining("dedicate.reports.signing-key")
                .hasMessageContaining("64 lower-case hex")
                .hasMessageNotContaining("not-a-key-0123");
        assertThatThrownBy(() -> ReportSigningKey.fromFile(data.resolve("absent.key"), false))
                .hasMessageContaining("absent.key")
                .hasMessageContaining("does not exist");
        Path open = data.resolve("open.key");
        Files.writeString(open, "ab".repeat(32) + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ReportSigningKey.fromFile(open, false))
                .hasMessageContaining("open.key")
                .hasMessageContaining("chmod 600");
    }
}
