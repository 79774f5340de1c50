package io.dedicate.broker.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of secrets at rest (secret outputs and secret parameters in the state store).
 *
 * <p>A sealed value reads {@code v1:} followed by the base64 of a 12-byte random IV and the ciphertext with its 16-byte
 * tag, e.g. {@code v1:q83vEjRWeJC...}. The {@code context} given to {@link #seal} (such as {@code
 * instance:<id>:outputs}) is bound as associated data: a value copied to another row, or another column, no longer
 * opens.
 *
 * <p>The key is 32 bytes, given as base64 text: in configuration ({@code dedicate.secrets.key}) or in a key file
 * holding that text on one line, which is created on first use and must stay readable by its owner only.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The box whose key is in {@code keyFile}: base64 text of 32 bytes (surrounding white space ignored). When the file
     * is absent, a new random key is written to it, the file created with POSIX mode 0600 from the start (and its
     * missing parent folders created).
     *
     * @throws SecretBoxException if the file is readable or writable by group or others, does not hold a base64 key of
     *     32 bytes, cannot be read or created, or the file system has no POSIX permissions
     */
    public static SecretBox fromKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                createKeyFile(keyFile);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new SecretBoxException("secret key file " + keyFile + " has mode "
                        + PosixFilePermissions.toString(permissions)
                        + ": it must be readable by its owner only (chmod 600)");
            }
            String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
            return new SecretBox(decodeKey(text.strip(), "secret key file " + keyFile));
        } catch (UnsupportedOperationException e) {
            throw new SecretBoxException(
                    "secret key file " + keyFile + " is on a file system without POSIX permissions", e);
        } catch (IOException e) {
            throw new SecretBoxException("cannot read or create secret key file " + keyFile + ": " + e, e);
        }
    }

    private static void createKeyFile(Path keyFile) throws IOException {
        Path parent = keyFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return; // created by another process meanwhile: use theirs
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * The box whose key is {@code base64Key} (standard base64 of 32 bytes), as given in {@code dedicate.secrets.key}.
     *
     * @throws SecretBoxException if the text is not base64 or not 32 bytes long (the message never shows the key)
     */
    public static SecretBox fromBase64Key(String base64Key) {
        return new SecretBox(decodeKey(base64Key.strip(), "dedicate.secrets.key"));
    }

    private static byte[] decodeKey(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException(where + " is not base64 text of a 32-byte key");
        }
        if (key.length != KEY_BYTES) {
            throw new SecretBoxException(
                    where + " holds a key of " + key.length + " bytes; an AES-256 key has " + KEY_BYTES);
        }
        return key;
    }

    /**
     * Seals {@code plaintext} for {@code context}: {@code "v1:" + base64(iv || ciphertext+tag)}, a fresh random IV
     * each time, so two seals of the same text differ.
     */
    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out =
                    ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
            return VERSION + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot seal a secret for " + context + ": " + e, e);
        }
    }

    /**
     * Opens a value sealed by {@link #seal} for the same {@code context}.
     *
     * @throws SecretBoxException if the value is not a {@code v1:} sealed value, was tampered with, or was sealed with
     *     another key or for another context
     */
    public String open(String sealed, String context) {
        if (!sealed.startsWith(VERSION)) {
            throw new SecretBoxException("sealed value for " + context + " does not start with '" + VERSION + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed value for " + context + " is not valid base64", e);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed value for " + context + " is too short to be one");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, IV_BYTES), context);
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("sealed value for " + context
                    + " does not open: it was altered, or sealed with another key or for another context");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot open a sealed value for " + context + ": " + e, e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /**
     * A 32-byte key for another purpose (such as signing dashboard links), derived from this box's key as
     * HMAC-SHA256(key, {@code "dedicate:" + purpose}): one configured secret serves every purpose, the box's own key
     * never leaves it, and a derived key opens nothing this box sealed.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("dedicate:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot derive a key for " + purpose + ": " + e, e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]";
    }
}
