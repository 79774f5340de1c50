package io.dedicate.broker.osb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The broker's basic-auth credentials, checked in constant time without a per-request password
 * hash: the platform sends basic auth on every call, so a bcrypt check (about 70 ms of CPU) per
 * request would cap the broker at a few dozen requests per second. Both the expected and the
 * presented {@code Authorization} header values are reduced to SHA-256 digests, which {@link
 * MessageDigest#isEqual} compares in time independent of where they differ and of their lengths.
 */
public final class BrokerCredentials {

    private final String username;
    private final String password;
    private final boolean generated;
    private final byte[] expectedDigest;

    private BrokerCredentials(String username, String password, boolean generated) {
        this.username = username;
        this.password = password;
        this.generated = generated;
        String header = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.expectedDigest = sha256(header);
    }

    /**
     * The configured credentials, or generated ones (user {@code broker}, a random 32-character
     * password) when either is empty.
     */
    public static BrokerCredentials of(@Nullable String username, @Nullable String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return new BrokerCredentials(
                    username == null || username.isBlank() ? "broker" : username, randomPassword(), true);
        }
        if (username.contains(":")) {
            throw new IllegalArgumentException(
                    "the broker user name must not contain ':' (basic auth separates user and password with it)");
        }
        return new BrokerCredentials(username, password, false);
    }

    /** True if {@code authorization} (the header's value, possibly null) carries these credentials. */
    public boolean matches(@Nullable String authorization) {
        if (authorization == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(authorization.trim()));
    }

    public String username() {
        return username;
    }

    /** The password, for printing once at start-up when it was generated. */
    public String password() {
        return password;
    }

    /** True when the password was generated because none was configured. */
    public boolean generated() {
        return generated;
    }

    @Override
    public String toString() {
        return "BrokerCredentials[username=" + username + ", password=(secret)]";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
