package io.dedicate.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String CONTEXT = "instance:c1:outputs";

    final SecretBox box = SecretBox.fromBase64Key(KEY);

    @Test
    void sealedValuesOpenBackWithTheSameContext() {
        String secret = "{\"password\":\"s3cr\u00e9t\"}";
        String sealed = box.seal(secret, CONTEXT);

        assertThat(sealed).startsWith("v1:").doesNotContain("s3cr");
        assertThat(Base64.getDecoder().decode(sealed.substring(3)))
                .hasSize(12 + secret.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(box.open(sealed, CONTEXT)).isEqualTo(secret);
        assertThat(box.open(box.seal("", CONTEXT), CONTEXT)).isEmpty();
    }

    @Test
    void twoSealsOfOneTextDiffer() {
        assertThat(box.seal("same", CONTEXT)).isNotEqualTo(box.seal("same", CONTEXT));
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        byte[] bytes = Base64.getDecoder().decode(box.seal("secret", CONTEXT).substring(3));
        bytes[bytes.length - 20] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(tampered, CONTEXT))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining(CONTEXT)
                .hasMessageContaining("does not open");
    }

    @Test
    void aValueMovedToAnotherContextDoesNotOpen() {
        String sealed = box.seal("secret", CONTEXT);
        assertThatThrownBy(() -> box.open(sealed, "instance:c2:outputs"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("instance:c2:outputs");
    }

    @Test
    void anotherKeyDoesNotOpen() {
        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox otherBox = SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(other));
        String sealed = box.seal("secret", CONTEXT);
        assertThatThrownBy(() -> otherBox.open(sealed, CONTEXT)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void malformedValuesAreRefusedClearly() {
        assertThatThrownBy(() -> box.open("plain", CONTEXT))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("v1:");
        assertThatThrownBy(() -> box.open("v1:!!!", CONTEXT))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> box.open("v1:AAAA", CONTEXT))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void badConfiguredKeysAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> SecretBox.fromBase64Key("not base64 !"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("dedicate.secrets.key")
                .hasMessageNotContaining("not base64 !");
        assertThatThrownBy(() -> SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("data/secrets.key");

        SecretBox first = SecretBox.fromKeyFile(keyFile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip()))
                .hasSize(32);
        String sealed = first.seal("secret", CONTEXT);
        assertThat(SecretBox.fromKeyFile(keyFile).open(sealed, CONTEXT)).isEqualTo("secret");
    }

    @Test
    void aKeyFileReadableByOthersIsRefused(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("secrets.key");
        Files.writeString(keyFile, KEY + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> SecretBox.fromKeyFile(keyFile))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("rw-r-----")
                .hasMessageContaining("owner only");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> SecretBox.fromKeyFile(keyFile)).isInstanceOf(SecretBoxException.class);

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        assertThat(SecretBox.fromKeyFile(keyFile).open(box.seal("x", CONTEXT), CONTEXT))
                .isEqualTo("x");
    }

    @Test
    void aKeyFileOfTheWrongLengthIsRefused(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("secrets.key");
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[31]));

        assertThatThrownBy(() -> SecretBox.fromKeyFile(keyFile))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("31 bytes");
    }

    @Test
    void itsTextNeverShowsTheKey() {
        assertThat(box.toString()).doesNotContain(KEY);
    }
}
