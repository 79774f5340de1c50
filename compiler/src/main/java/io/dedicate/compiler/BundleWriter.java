package io.dedicate.compiler;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes bundle files to a directory, or to a jar when the target ends with {@code .jar}.
 *
 * <p>A directory is written next to the target first and then moved into place, so a reader never
 * sees half a bundle. An existing target is replaced only if it is a bundle (it holds {@code
 * model.json}) or empty: the writer never deletes a directory it did not write. Jars are
 * reproducible: entries sorted by path, every timestamp fixed.
 */
public final class BundleWriter {

    /** 1980-01-01T00:00, the earliest time a zip entry can hold; local time, so no time zone leaks in. */
    private static final java.time.LocalDateTime EPOCH = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    /** The jar's write buffer (bytes). */
    private static final int WRITE_BUFFER = 1 << 16;

    /** Writes {@code files} (sorted relative paths to contents) to {@code target}. */
    public void write(SortedMap<String, byte[]> files, Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getFileName().toString().endsWith(".jar")) {
            writeJar(files, absolute);
        } else {
            writeDirectory(files, absolute);
        }
    }

    private static void writeDirectory(SortedMap<String, byte[]> files, Path target) throws IOException {
        refuseToReplaceForeignDirectory(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            if (Files.exists(target)) {
                deleteRecursively(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(staging)) {
                deleteRecursively(staging);
            }
        }
    }

    private static void refuseToReplaceForeignDirectory(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IOException(target + " exists and is not a directory; choose another --out");
        }
        boolean bundle = Files.isRegularFile(target.resolve("model.json"));
        boolean empty;
        try (var entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        if (!bundle && !empty) {
            throw new IOException(target + " is not empty and does not hold a bundle (no model.json);"
                    + " refusing to replace it, choose another --out");
        }
    }

    private static void writeJar(SortedMap<String, byte[]> files, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            // buffered: the zip stream writes each header field (and its central directory) a few bytes at a
            // time, one system call each on a bare file stream (half of a 100-offering jar's writing time)
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staging), WRITE_BUFFER);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    ZipEntry entry = new ZipEntry(file.getKey());
                    entry.setTimeLocal(EPOCH);
                    zip.putNextEntry(entry);
                    zip.write(file.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
