package io.dedicate.compiler.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The regular files of a gzipped tar archive (ustar, with GNU long names), by path without a
 * leading {@code ./}. Release and job tarballs are small (specs and templates; package blobs are
 * skipped unread beyond their headers), so the contents of the files asked for are kept in memory.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {}

    /** The files of {@code archive} whose path {@code wanted} accepts, with their bytes. */
    static Map<String, byte[]> files(InputStream archive, java.util.function.Predicate<String> wanted)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(archive)) {
            String longName = null;
            byte[] header = new byte[BLOCK];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                boolean regular = type == '0' || type == 0;
                if (type == 'L') {
                    byte[] bytes = read(in, size);
                    skip(in, padded - size);
                    longName = new String(bytes, StandardCharsets.UTF_8).replace("\0", "");
                } else if (regular && wanted.test(strip(name))) {
                    files.put(strip(name), read(in, size));
                    skip(in, padded - size);
                } else {
                    skip(in, padded);
                }
            }
        }
        return files;
    }

    static Map<String, byte[]> files(byte[] archive, java.util.function.Predicate<String> wanted) throws IOException {
        return files(new ByteArrayInputStream(archive), wanted);
    }

    private static String strip(String name) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        boolean ustar = text(header, 257, 6).startsWith("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            throw new IOException("tar entry too large (base-256 size)");
        }
        String digits = text(header, offset, length).trim();
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (bad size field `" + digits + "`)", e);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static byte[] read(InputStream in, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("tar entry too large: " + size + " bytes");
        }
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length < size) {
            throw new IOException("truncated tar archive");
        }
        return bytes;
    }

    private static void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("truncated tar archive");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
