package io.dedicate.broker.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signed, expiring dashboard links: what lets a user who got a {@code dashboard_url} from the platform open the
 * dashboard without the broker's credentials, for a while.
 *
 * <p>A link carries {@code ?expires=<epoch seconds>&sig=<signature>}; the signature is the unpadded base64url of
 * HMAC-SHA256 over {@code <instance id> "\n" <expires>} with a key derived from the broker's secrets key ({@link
 * SecretBox#derivedKey}, purpose {@code dashboard-links}). So a link opens one instance's page only, until its expiry,
 * and every broker replica sharing the secrets key accepts it; changing the key revokes all links. Signatures are
 * compared in constant time.
 */
public final class DashboardLinks {

    /** How long a link stays valid when {@code dedicate.dashboard.link-validity} is not set. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;
    private static final int MAX_EXPIRES_DIGITS = 12; // up to the year 33658: Instant.ofEpochSecond never overflows

    private final SecretKeySpec key;
    private final Duration validity;
    private final Clock clock;

    /**
     * @param validity how long a link handed out now stays valid: at least a second
     * @throws IllegalArgumentException if {@code validity} is shorter than a second
     */
    public DashboardLinks(SecretBox secrets, Duration validity, Clock clock) {
        if (validity.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("dedicate.dashboard.link-validity must be at least 1s, got " + validity);
        }
        this.key = new SecretKeySpec(secrets.derivedKey("dashboard-links"), ALGORITHM);
        this.validity = validity;
        this.clock = clock;
    }

    /** How long a link handed out now stays valid. */
    public Duration validity() {
        return validity;
    }

    /** The query string ({@code expires=...&sig=...}, no {@code ?}) of a link to the instance's page, valid from now. */
    public String query(String instanceId) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return "expires=" + expires + "&sig=" + signature(instanceId, expires);
    }

    /** What a presented link is worth. */
    public enum Verdict {
        /** Signed by this broker for this instance and not expired. */
        VALID,
        /** Signed by this broker for this instance, but past its expiry. */
        EXPIRED,
        /** Not a signature of this broker for this instance and expiry: altered, or for another key or instance. */
        FORGED,
        /** The link carries no signature at all. */
        ABSENT
    }

    /**
     * Checks the {@code expires} and {@code sig} query parameters of a request for {@code instanceId}'s page; never
     * throws on any input.
     */
    public Verdict check(String instanceId, @Nullable String expires, @Nullable String sig) {
        if (expires == null && sig == null) {
            return Verdict.ABSENT;
        }
        Instant expiry = expiry(expires);
        if (expiry == null || sig == null) {
            return Verdict.FORGED;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return Verdict.FORGED;
        }
        byte[] expected = mac(instanceId, expiry.getEpochSecond());
        if (presented.length != SIGNATURE_BYTES || !MessageDigest.isEqual(expected, presented)) {
            return Verdict.FORGED;
        }
        return clock.instant().isAfter(expiry) ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** The moment a link's {@code expires} parameter names; null if it is not a plain number of at most 12 digits. */
    public static @Nullable Instant expiry(@Nullable String expires) {
        if (expires == null
                || expires.isEmpty()
                || expires.length() > MAX_EXPIRES_DIGITS
                || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(expires));
    }

    private String signature(String instanceId, long expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(instanceId, expires));
    }

    private byte[] mac(String instanceId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((instanceId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "DashboardLinks[validity=" + validity + "]";
    }
}
