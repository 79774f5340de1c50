package io.dedicate.broker.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key pipelines sign their reports with: 32 random bytes written as 64 lower-case hex characters. Operators put the
 * same text once in Concourse's credential manager as {@code ((report_signing_key))}; nothing operation-specific and
 * nothing secret is committed to the deployment repository.
 *
 * <p>A report is signed with {@code X-Dedicate-Signature: sha256=HEX}, HEX the lower-case hex of HMAC-SHA256(key,
 * OPERATION_ID + "\n" + BODY_BYTES), key the hex-decoded 32 bytes. Binding the operation id means a signature cannot be
 * replayed on another operation; only holders of the key can sign at all.
 */
public final class ReportSigningKey {

    /** The request header that carries the signature. */
    public static final String HEADER = "X-Dedicate-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(ReportSigningKey.class);
    private static final String PREFIX = "sha256=";
    private static final int KEY_BYTES = 32;
    private static final Pattern KEY_TEXT = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKeySpec key;

    private ReportSigningKey(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The key given as text ({@code dedicate.reports.signing-key} or {@code DEDICATE_REPORT_SIGNING_KEY}).
     *
     * @throws SecretBoxException if it is not 64 lower-case hex characters (the message never shows the text)
     */
    public static ReportSigningKey fromHex(String hex, String where) {
        String text = hex.strip();
        if (!KEY_TEXT.matcher(text).matches()) {
            throw new SecretBoxException(where + " must be 64 lower-case hex characters (32 random bytes, as made by"
                    + " `openssl rand -hex 32`); it has " + text.length() + " characters");
        }
        return new ReportSigningKey(HexFormat.of().parseHex(text));
    }

    /**
     * The key in {@code keyFile} (64 lower-case hex characters; surrounding white space ignored). When the file is
     * absent and {@code createIfAbsent}, a new random key is written to it, created with mode 0600 from the start, and
     * the log names the file and what the operator must do with it (never the key).
     *
     * @throws SecretBoxException if the file is readable by group or others, holds no valid key, or cannot be read
     */
    public static ReportSigningKey fromFile(Path keyFile, boolean createIfAbsent) {
        try {
            if (!Files.exists(keyFile)) {
                if (!createIfAbsent) {
                    throw new SecretBoxException("report signing key file " + keyFile
                            + " (dedicate.reports.signing-key-file) does not exist");
                }
                create(keyFile);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new SecretBoxException("report signing key file " + keyFile + " has mode "
                        + PosixFilePermissions.toString(permissions)
                        + ": it must be readable by its owner only (chmod 600)");
            }
            return fromHex(Files.readString(keyFile, StandardCharsets.US_ASCII), "report signing key file " + keyFile);
        } catch (UnsupportedOperationException e) {
            throw new SecretBoxException(
                    "report signing key file " + keyFile + " is on a file system without POSIX permissions", e);
        } catch (IOException e) {
            throw new SecretBoxException("cannot read or create report signing key file " + keyFile + ": " + e, e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        Path parent = keyFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        Path partial = keyFile.resolveSibling(keyFile.getFileName() + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(partial, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.createLink(keyFile, partial); // fails when another process made the key meanwhile: use theirs
        } catch (FileAlreadyExistsException e) {
            // another process won
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.warn(
                "Generated the report signing key in {}: put its content in Concourse's credential manager as"
                        + " `report_signing_key` (the pipelines sign their reports with it), or configure your own"
                        + " with dedicate.reports.signing-key-file",
                keyFile.toAbsolutePath());
    }

    /** {@code sha256=HEX} for {@code operationId} and {@code body}: what a pipeline sends. */
    public String sign(String operationId, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(operationId, body));
    }

    /**
     * Whether {@code header} is the signature of {@code operationId} and {@code body}, compared in constant time
     * (a missing or malformed header is simply not).
     */
    public boolean verifies(String operationId, byte[] body, @Nullable String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 2 * 32) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(operationId, body), given);
    }

    private byte[] mac(String operationId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((operationId + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ReportSigningKey[(secret)]";
    }
}
