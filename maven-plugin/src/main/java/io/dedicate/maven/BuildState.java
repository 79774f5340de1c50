package io.dedicate.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the last successful compile read, so that a build with nothing changed does not compile
 * again: one file ({@code target/dedicate/FINAL_NAME.jar.state}) with a digest of the configuration
 * (plugin version, release specs) and the SHA-256 of every file read: every file under the offerings
 * directory, and every source read from outside it (fragments included with {@code ../}).
 *
 * <pre>
 * configuration 3f1c...
 * file 9a0b... /project/src/main/offerings/mysql.offering
 * </pre>
 *
 * The bundle is up to date when the jar exists, the configuration digest is the same, no file was
 * added to or removed from the offerings directory, and every recorded file has the same digest.
 * Anything unreadable or unexpected in the state means "not up to date": the state can only cause a
 * compile, never skip one wrongly.
 */
final class BuildState {

    private final Path file;

    BuildState(Path file) {
        this.file = file;
    }

    /**
     * The configuration as text to digest: the plugin version (a new compiler may compile
     * differently) and, per release spec, every file under it with its size and modification time
     * (tarballs are large; they are replaced, not edited).
     */
    static String configuration(String pluginVersion, Map<String, Path> releaseSpecs) throws IOException {
        StringBuilder text = new StringBuilder("plugin ").append(pluginVersion).append('\n');
        for (Map.Entry<String, Path> spec : new TreeMap<>(releaseSpecs).entrySet()) {
            text.append("release-specs ")
                    .append(spec.getKey())
                    .append('=')
                    .append(spec.getValue())
                    .append('\n');
            for (Path path : regularFiles(spec.getValue())) {
                text.append("  ")
                        .append(path)
                        .append(' ')
                        .append(Files.size(path))
                        .append(' ')
                        .append(Files.getLastModifiedTime(path).toMillis())
                        .append('\n');
            }
        }
        return text.toString();
    }

    boolean upToDate(Path jar, Path offerings, String configuration) throws IOException {
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(file)) {
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()
                || !lines.get(0).equals("configuration " + sha256(configuration.getBytes(StandardCharsets.UTF_8)))) {
            return false;
        }
        SortedMap<Path, String> recorded = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ", 3);
            if (parts.length != 3 || !parts[0].equals("file")) {
                return false;
            }
            recorded.put(Path.of(parts[2]), parts[1]);
        }
        List<Path> underOfferings = recorded.keySet().stream()
                .filter(path -> path.startsWith(offerings))
                .toList();
        if (!underOfferings.equals(regularFiles(offerings))) {
            return false;
        }
        for (Map.Entry<Path, String> entry : recorded.entrySet()) {
            if (!Files.isRegularFile(entry.getKey())
                    || !sha256(Files.readAllBytes(entry.getKey())).equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Records the files of a successful compile: everything under {@code offerings} and {@code sources}. */
    void record(Path offerings, Collection<String> sources, String configuration) throws IOException {
        SortedMap<Path, String> files = new TreeMap<>();
        for (Path path : regularFiles(offerings)) {
            files.put(path, sha256(Files.readAllBytes(path)));
        }
        for (String source : sources) {
            Path path = Path.of(source).toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                files.put(path, sha256(Files.readAllBytes(path)));
            }
        }
        StringBuilder text = new StringBuilder("configuration ")
                .append(sha256(configuration.getBytes(StandardCharsets.UTF_8)))
                .append('\n');
        files.forEach((path, digest) ->
                text.append("file ").append(digest).append(' ').append(path).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Drops the state before a compile, so that a failed compile is never taken for an up-to-date one. */
    void forget() throws IOException {
        Files.deleteIfExists(file);
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .map(path -> path.toAbsolutePath().normalize())
                    .toList());
            files.sort(null);
            return files;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
