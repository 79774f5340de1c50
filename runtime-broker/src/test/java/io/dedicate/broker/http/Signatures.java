package io.dedicate.broker.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a report as the contract says, written here from the contract rather than with the broker's own class. */
final class Signatures {

    private Signatures() {}

    /** {@code sha256=} + lower-case hex HMAC-SHA256(hex-decoded key, operationId + "\n" + body). */
    static String sign(String hexKey, String operationId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
            mac.update(operationId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
