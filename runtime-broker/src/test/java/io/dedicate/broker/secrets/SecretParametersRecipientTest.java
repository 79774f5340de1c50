package io.dedicate.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipient certificate of {@code secrets.cms}: generated once in the data directory with a 0600 private key that
 * the real {@code openssl cms -decrypt} opens the envelope with, or the operator's certificate made by {@code openssl
 * req}, whose key the broker never sees.
 */
class SecretParametersRecipientTest {

    @TempDir
    Path data;

    @Test
    void theGeneratedPairIsMadeOnceAndItsKeyOpensTheEnvelope() throws Exception {
        SecretParametersRecipient first = SecretParametersRecipient.generatedIn(data);
        Path key = data.resolve(SecretParametersRecipient.GENERATED_PRIVATE_KEY);
        assertThat(first.privateKeyFile()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(first.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(first.toString()).doesNotContain("PRIVATE");
        SecretParametersRecipient again = SecretParametersRecipient.generatedIn(data);
        assertThat(again.certificate()).isEqualTo(first.certificate());

        String plaintext = "dedicate_secret_token: \"t0ken-value\"\n";
        Files.writeString(
                data.resolve("secrets.cms"), new SecretParametersEnvelope(again.certificate()).seal(plaintext));
        assertThat(openssl(
                        "cms",
                        "-decrypt",
                        "-inform",
                        "PEM",
                        "-in",
                        "secrets.cms",
                        "-inkey",
                        key.toString(),
                        "-out",
                        "secrets.yml"))
                .isEmpty();
        assertThat(Files.readString(data.resolve("secrets.yml"))).isEqualTo(plaintext);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretParametersRecipient.generatedIn(data))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining("BEGIN");
    }

    @Test
    void theOperatorsRsaOrEcCertificateIsUsedAndAnyOtherKeyIsRefused() throws Exception {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=ops",
                "-keyout",
                "ops.key",
                "-out",
                "ops.crt");
        SecretParametersRecipient recipient = SecretParametersRecipient.configured(data.resolve("ops.crt"));
        assertThat(recipient.privateKeyFile()).isNull();
        Files.writeString(
                data.resolve("secrets.cms"), new SecretParametersEnvelope(recipient.certificate()).seal("a: 1\n"));
        openssl("cms", "-decrypt", "-inform", "PEM", "-in", "secrets.cms", "-inkey", "ops.key", "-out", "out.yml");
        assertThat(Files.readString(data.resolve("out.yml"))).isEqualTo("a: 1\n");
        assertThat(data.resolve(SecretParametersRecipient.GENERATED_PRIVATE_KEY))
                .doesNotExist();

        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=ec",
                "-keyout",
                "ec.key",
                "-out",
                "ec.crt");
        SecretParametersRecipient ec = SecretParametersRecipient.configured(data.resolve("ec.crt"));
        Files.writeString(data.resolve("ec.cms"), new SecretParametersEnvelope(ec.certificate()).seal("b: 2\n"));
        openssl("cms", "-decrypt", "-inform", "PEM", "-in", "ec.cms", "-inkey", "ec.key", "-out", "ec.yml");
        assertThat(Files.readString(data.resolve("ec.yml"))).isEqualTo("b: 2\n");

        // Ed25519 signs but cannot agree on a key: no envelope can be made to it
        openssl(
                "req", "-x509", "-newkey", "ed25519", "-nodes", "-days", "1", "-subj", "/CN=ed", "-keyout", "ed.key",
                "-out", "ed.crt");
        assertThatThrownBy(() -> SecretParametersRecipient.configured(data.resolve("ed.crt")))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("ed.crt")
                .hasMessageContaining("EdDSA key")
                .hasMessageContaining("RSA certificate")
                .hasMessageContaining("EC one");
        Files.writeString(data.resolve("garbage.crt"), "not a certificate");
        assertThatThrownBy(() -> SecretParametersRecipient.configured(data.resolve("garbage.crt")))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("garbage.crt");
    }

    private String openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out.lines()
                .filter(line -> !line.startsWith("..") && !line.startsWith("--"))
                .reduce("", String::concat);
    }
}
