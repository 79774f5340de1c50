package io.dedicate.broker.secrets;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * {@code secrets.cms}: a PEM CMS EnvelopedData (AES-256-CBC content encryption) of the YAML map {@code
 * {dedicate_secret_PARAM: value}}, for one recipient certificate; the deploy task opens it with {@code openssl cms
 * -decrypt -inform PEM -inkey key.pem} where the private key comes from Concourse's credential manager ({@code
 * ((secret_parameters_private_key))}). The content key reaches the recipient by RSA-OAEP SHA-256 key transport for an
 * RSA certificate, or by ephemeral-static ECDH (RFC 5753: {@code dhSinglePass-stdDH-sha256kdf-scheme}, AES-256 key
 * wrap, a fresh key pair on the recipient's curve per envelope) for an EC certificate.
 */
public final class SecretParametersEnvelope implements io.dedicate.bundle.render.SecretParametersSealer {

    private final X509Certificate recipient;

    public SecretParametersEnvelope(X509Certificate recipient) {
        this.recipient = recipient;
    }

    /** The PEM text ({@code -----BEGIN CMS-----}) enveloping {@code plaintext} for the recipient. */
    @Override
    public String seal(String plaintext) {
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(
                    recipient.getPublicKey() instanceof ECPublicKey ec ? keyAgreement(ec) : keyTransport());
            CMSEnvelopedData enveloped = generator.generate(
                    new CMSProcessableByteArray(plaintext.getBytes(StandardCharsets.UTF_8)),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
            ContentInfo info = enveloped.toASN1Structure();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(new org.bouncycastle.util.io.pem.PemObject("CMS", info.getEncoded()));
            }
            return text.toString();
        } catch (CMSException | IOException | GeneralSecurityException e) {
            throw new SecretBoxException(
                    "cannot envelope secret parameters for " + recipient.getSubjectX500Principal() + ": " + e, e);
        }
    }

    private RecipientInfoGenerator keyTransport() throws GeneralSecurityException {
        OAEPParameterSpec oaep =
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
        return new JceKeyTransRecipientInfoGenerator(
                recipient,
                new JcaAlgorithmParametersConverter()
                        .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep));
    }

    private RecipientInfoGenerator keyAgreement(ECPublicKey recipientKey) throws GeneralSecurityException {
        KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC");
        ephemeral.initialize(recipientKey.getParams());
        KeyPair originator = ephemeral.generateKeyPair();
        return new JceKeyAgreeRecipientInfoGenerator(
                        CMSAlgorithm.ECDH_SHA256KDF,
                        originator.getPrivate(),
                        originator.getPublic(),
                        CMSAlgorithm.AES256_WRAP)
                .setProvider(BouncyCastle.PROVIDER)
                .addRecipient(recipient);
    }

    /**
     * ECDH with the X9.63 key derivation is Bouncy Castle's (the JDK has none); not registered as a JCA provider, and
     * made on the first EC envelope only (it takes a while to set up, and RSA envelopes never need it).
     */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
