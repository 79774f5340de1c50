package io.dedicate.broker.secrets;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * {@code secrets.cms}: a PEM CMS EnvelopedData (AES-256-CBC content encryption, RSA-OAEP SHA-256 key transport) of the
 * YAML map {@code {dedicate_secret_PARAM: value}}, for one recipient certificate; the deploy task opens it with {@code
 * openssl cms -decrypt -inform PEM -inkey key.pem} where the private key comes from Concourse's credential manager
 * ({@code ((secret_parameters_private_key))}).
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
            OAEPParameterSpec oaep =
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(
                    recipient,
                    new JcaAlgorithmParametersConverter()
                            .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep)));
            CMSEnvelopedData enveloped = generator.generate(
                    new CMSProcessableByteArray(plaintext.getBytes(StandardCharsets.UTF_8)),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
            ContentInfo info = enveloped.toASN1Structure();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(new org.bouncycastle.util.io.pem.PemObject("CMS", info.getEncoded()));
            }
            return text.toString();
        } catch (CMSException
                | IOException
                | CertificateException
                | java.security.InvalidAlgorithmParameterException e) {
            throw new SecretBoxException(
                    "cannot envelope secret parameters for " + recipient.getSubjectX500Principal() + ": " + e, e);
        }
    }
}
