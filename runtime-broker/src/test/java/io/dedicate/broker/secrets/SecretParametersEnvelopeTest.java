package io.dedicate.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The broker's {@code secrets.cms} opened by the real {@code openssl cms -decrypt}, as the deploy task does. */
class SecretParametersEnvelopeTest {

    @ParameterizedTest
    @CsvSource({"RSA, 3072, SHA256withRSA, rsaesOaep", "EC, 256, SHA256withECDSA, dhSinglePass-stdDH-sha256kdf-scheme"})
    void opensslCmsDecryptOpensTheEnvelopeWithTheRecipientsKey(
            String algorithm, int size, String signature, String keyEncryption, @TempDir Path work) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=dedicate secret parameters");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(now.minus(Duration.ofMinutes(1))),
                                Date.from(now.plus(Duration.ofDays(3650))),
                                name,
                                pair.getPublic())
                        .build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
        String plaintext = "dedicate_secret_admin_password: \"s3cr3t-V4lue: with ((parens)) and 'quotes'\"\n";

        String pem = new SecretParametersEnvelope(certificate).seal(plaintext);
        assertThat(pem).startsWith("-----BEGIN CMS-----").doesNotContain("s3cr3t");
        Files.writeString(work.resolve("secrets.cms"), pem);
        StringWriter key = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(key)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null));
        }
        Files.writeString(work.resolve("key.pem"), key.toString());

        Process openssl = new ProcessBuilder(
                        "openssl",
                        "cms",
                        "-decrypt",
                        "-inform",
                        "PEM",
                        "-in",
                        "secrets.cms",
                        "-inkey",
                        "key.pem",
                        "-out",
                        "secrets.yml")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor())
                .as("openssl cms -decrypt (OpenSSL 3 must be installed): " + out)
                .isZero();
        assertThat(Files.readString(work.resolve("secrets.yml"))).isEqualTo(plaintext);

        Process version = new ProcessBuilder(
                        "openssl", "cms", "-cmsout", "-print", "-inform", "PEM", "-in", "secrets.cms")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String printed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor()).as(printed).isZero();
        assertThat(printed).contains("aes-256-cbc").contains(keyEncryption);
    }
}
