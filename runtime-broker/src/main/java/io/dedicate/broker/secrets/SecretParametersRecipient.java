package io.dedicate.broker.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X.509 certificate {@code secrets.cms} is encrypted to (contracts.md), whose private key only Concourse's
 * credential manager holds, as {@code ((secret_parameters_private_key))}.
 *
 * <p>Either the operator configures the certificate ({@code dedicate.secrets.recipient-certificate-file}; the broker
 * never sees the private key), or the broker generates a key pair at first start in its data directory: {@code
 * secret-parameters.crt} and {@code secret-parameters.key} (PKCS#8 PEM, EC P-256, created with mode 0600), and logs
 * both paths, never the key. The operator then copies the key file's content into the credential manager. EC rather
 * than RSA: an RSA 3072 key (the same 128-bit strength) took 1.3 to 4.1 s to generate on the cold JVM of a first start,
 * an EC key a few milliseconds. An operator's certificate may be RSA or EC ({@link SecretParametersEnvelope}).
 */
public final class SecretParametersRecipient {

    /** The certificate generated in the data directory when none is configured. */
    public static final String GENERATED_CERTIFICATE = "secret-parameters.crt";
    /** Its private key, beside it, mode 0600. */
    public static final String GENERATED_PRIVATE_KEY = "secret-parameters.key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretParametersRecipient.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final X509Certificate certificate;
    private final Path certificateFile;
    private final @Nullable Path privateKeyFile;

    private SecretParametersRecipient(
            X509Certificate certificate, Path certificateFile, @Nullable Path privateKeyFile) {
        this.certificate = certificate;
        this.certificateFile = certificateFile;
        this.privateKeyFile = privateKeyFile;
    }

    /**
     * The operator's certificate (PEM): {@code dedicate.secrets.recipient-certificate-file}.
     *
     * @throws SecretBoxException if the file is missing or holds no X.509 certificate with an RSA or EC key
     */
    public static SecretParametersRecipient configured(Path certificateFile) {
        X509Certificate certificate = read(certificateFile, "dedicate.secrets.recipient-certificate-file");
        LOG.info(
                "Secret parameters are encrypted to the certificate {} ({}): Concourse's credential manager must hold"
                        + " its private key as `secret_parameters_private_key`",
                certificateFile.toAbsolutePath(),
                certificate.getSubjectX500Principal());
        return new SecretParametersRecipient(certificate, certificateFile, null);
    }

    /**
     * The key pair generated in {@code dataDirectory} ({@value #GENERATED_CERTIFICATE}, {@value
     * #GENERATED_PRIVATE_KEY}), made at first start. The log names both files and what to do with the key, never its
     * content.
     *
     * @throws SecretBoxException if the files cannot be read or made, or the key file is readable by others
     */
    public static SecretParametersRecipient generatedIn(Path dataDirectory) {
        Path certificateFile = dataDirectory.resolve(GENERATED_CERTIFICATE);
        Path keyFile = dataDirectory.resolve(GENERATED_PRIVATE_KEY);
        try {
            if (!Files.exists(certificateFile)) {
                generate(certificateFile, keyFile);
                LOG.warn(
                        "Generated the key pair of secret parameters: certificate {}, private key {}. Put the private"
                                + " key file's content in Concourse's credential manager as"
                                + " `secret_parameters_private_key` (the deploy task decrypts secrets.cms with it), or"
                                + " configure your own certificate with dedicate.secrets.recipient-certificate-file",
                        certificateFile.toAbsolutePath(),
                        keyFile.toAbsolutePath());
            } else {
                LOG.info(
                        "Secret parameters are encrypted to {}; its private key, for Concourse's credential manager"
                                + " (`secret_parameters_private_key`), is {}",
                        certificateFile.toAbsolutePath(),
                        keyFile.toAbsolutePath());
            }
            if (Files.exists(keyFile) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(keyFile))) {
                throw new SecretBoxException("secret parameters' private key " + keyFile + " has mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))
                        + ": it must be readable by its owner only (chmod 600)");
            }
        } catch (IOException e) {
            throw new SecretBoxException(
                    "cannot read or create the secret parameters' key pair in " + dataDirectory + ": " + e, e);
        }
        return new SecretParametersRecipient(read(certificateFile, "generated certificate"), certificateFile, keyFile);
    }

    /** The certificate {@code secrets.cms} is encrypted to. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Where the certificate is. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The generated private key's file; null when the operator configured the certificate (and holds the key). */
    public @Nullable Path privateKeyFile() {
        return privateKeyFile;
    }

    private static X509Certificate read(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            String algorithm = certificate.getPublicKey().getAlgorithm();
            if (!"RSA".equals(algorithm) && !"EC".equals(algorithm)) {
                throw new SecretBoxException(what + " " + file + " has a " + algorithm
                        + " key: secrets.cms needs an RSA certificate (key transport, RSA-OAEP) or an EC one (ECDH key"
                        + " agreement)");
            }
            return certificate;
        } catch (IOException e) {
            throw new SecretBoxException(what + " " + file + " cannot be read: " + e, e);
        } catch (CertificateException | ClassCastException e) {
            throw new SecretBoxException(what + " " + file + " is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static void generate(Path certificateFile, Path keyFile) throws IOException {
        Path parent = certificateFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        KeyPair pair;
        X509Certificate certificate;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=dedicate secret parameters");
            Instant now = Instant.now();
            certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    new BigInteger(64, new SecureRandom()),
                                    Date.from(now.minus(Duration.ofMinutes(5))),
                                    Date.from(now.plus(Duration.ofDays(36500))),
                                    name,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate an EC key pair and certificate: " + e, e);
        }
        // the key first (its file is created 0600 before anything is written), then the certificate, whose presence
        // marks a complete pair
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), StandardCharsets.US_ASCII);
        Path partial = certificateFile.resolveSibling(certificateFile.getFileName() + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(partial, pem(certificate), StandardCharsets.US_ASCII);
        try {
            Files.createLink(certificateFile, partial);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(certificateFile + " appeared while the broker generated it: start again", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof JcaPKCS8Generator pkcs8) {
                writer.writeObject(pkcs8);
            } else {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "SecretParametersRecipient[" + certificateFile + "]";
    }
}
