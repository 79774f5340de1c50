package io.dedicate.compiler.resolve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Service and plan IDs derived from names, for offerings that do not declare them: name-based
 * UUIDs version 5 (SHA-1, RFC 4122 section 4.3) in a namespace of ours, so that an ID never changes
 * between compiles and a broker's existing instances keep their plan.
 *
 * <p>The service ID is derived from {@code "service:" + offering}, a plan ID from {@code "plan:" +
 * offering + "/" + plan}. Renaming an offering or a plan changes its derived ID: declare {@code id}
 * to rename safely.
 */
public final class NameBasedIds {

    /** The namespace of every derived ID. Never change it: every derived ID would change. */
    public static final UUID NAMESPACE = UUID.fromString("5b0d7f2e-3c1a-4e8b-9d6f-0a2c4e6b8d1f");

    private NameBasedIds() {}

    public static String serviceId(String offering) {
        return uuid5("service:" + offering).toString();
    }

    public static String planId(String offering, String plan) {
        return uuid5("plan:" + offering + "/" + plan).toString();
    }

    /** RFC 4122 version 5 UUID of {@code name} in {@link #NAMESPACE}. */
    static UUID uuid5(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        ByteBuffer namespace = ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(namespace.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
