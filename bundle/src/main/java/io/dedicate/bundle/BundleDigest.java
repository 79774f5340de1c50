package io.dedicate.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digest of a bundle, written in {@code model.json} so that the broker (and an operator) can
 * tell which compilation it serves and detect a bundle whose files were changed afterwards.
 *
 * <p>The exact algorithm (any implementation that follows it gets the same value):
 *
 * <ol>
 *   <li>Take every bundle file except {@code model.json} itself, by its relative path with {@code /}
 *       separators.
 *   <li>Sort the paths by their UTF-8 bytes, compared as unsigned bytes (for the ASCII paths of a
 *       bundle, plain string order). The order never depends on the file system.
 *   <li>For each file, in that order, feed SHA-256 with: the path's UTF-8 bytes, one {@code 0x00}
 *       byte, the lowercase hexadecimal SHA-256 of the file's content (64 ASCII characters), one
 *       {@code 0x0A} byte.
 *   <li>The digest is {@code sha256:} followed by the lowercase hexadecimal result.
 * </ol>
 *
 * <p>The compiler writes it ({@link #of}); the broker, which reads bundles, checks the bundle it
 * loads against it ({@link #verify}).
 *
 * <p>Paths are part of the input, so renaming or moving a file changes the digest, as does any
 * byte of any file. The empty bundle digests to {@code sha256:} + the SHA-256 of no bytes.
 */
public final class BundleDigest {

    /** What every digest starts with, naming the algorithm. */
    public static final String PREFIX = "sha256:";

    private static final HexFormat HEX = HexFormat.of();

    private BundleDigest() {}

    /** The digest of {@code files} (path to content), ignoring {@link BundleLayout#MODEL}. */
    public static String of(Map<String, byte[]> files) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(files.entrySet());
        entries.removeIf(entry -> entry.getKey().equals(BundleLayout.MODEL));
        entries.sort((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));
        MessageDigest bundle = sha256();
        for (Map.Entry<String, byte[]> entry : entries) {
            bundle.update(utf8(entry.getKey()));
            bundle.update((byte) 0);
            bundle.update(HEX.formatHex(sha256().digest(entry.getValue())).getBytes(StandardCharsets.US_ASCII));
            bundle.update((byte) '\n');
        }
        return PREFIX + HEX.formatHex(bundle.digest());
    }

    /**
     * Whether {@code files} (path to content, {@code model.json} included or not) are the files
     * {@code digest} was computed over. A digest that is not {@code sha256:} and 64 lowercase
     * hexadecimal digits matches nothing.
     *
     * @param digest the {@code digest} of the bundle's {@code model.json}
     */
    public static boolean verify(Map<String, byte[]> files, String digest) {
        if (!digest.startsWith(PREFIX) || !digest.substring(PREFIX.length()).matches("[0-9a-f]{64}")) {
            return false;
        }
        return MessageDigest.isEqual(
                of(files).getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
