package io.dedicate.cli;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.model.BundleModel;
import io.dedicate.bundle.model.ModelFormatException;
import io.dedicate.bundle.model.ModelReader;
import io.dedicate.bundle.model.SourceLocation;
import io.dedicate.bundle.model.SourceMap;
import io.dedicate.bundle.model.SourceMapReader;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.diff.BundleSide;
import io.dedicate.compiler.model.Offering;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * One version that {@code dedicate diff} compares, as a compiled bundle: offering files compiled in
 * memory, or a bundle read from a directory or a jar. Its locations print as the user knows the
 * files: {@code offerings/mysql.offering:63:3}, {@code HEAD~1:offerings/mysql.offering:63:3}, or, for
 * a bundle, the path recorded in its {@code sources.json}.
 *
 * @param label how the version is named in the output ({@code old/}, {@code bundle v1.jar}, {@code HEAD~1:offerings})
 * @param side the compiled model and its source map
 * @param homes offering name to the folder its source map's files are relative to, as printed (with
 *     a trailing {@code /}); absent for bundles, whose paths print as recorded
 */
record DiffInput(String label, BundleSide side, Map<String, String> homes) {

    /** Why an input could not be turned into a bundle model. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        /** The compilation that failed, when that is why; its diagnostics say what and where. */
        final transient @Nullable Bundle failedCompile;

        Unusable(String message, @Nullable Bundle failedCompile) {
            super(message);
            this.failedCompile = failedCompile;
        }
    }

    /** {@code location} of {@code offering} as printed: the offering's folder, then the recorded path. */
    String display(String offering, SourceLocation location) {
        return homes.getOrDefault(offering, "") + location.position();
    }

    /**
     * {@code path}: a bundle jar, a bundle directory (it has a {@code model.json}), or offering files
     * (an {@code .offering} file or a directory searched for them), compiled in memory.
     */
    static DiffInput of(Path path, OfferingCompiler compiler) throws Unusable {
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
            return bundle("bundle " + path, readJar(path));
        }
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(BundleLayout.MODEL))) {
            return bundle("bundle " + path, readDirectory(path));
        }
        return compiled(path.toString(), path, compiler, "", null);
    }

    /**
     * Offering files at {@code path} compiled in memory; printed locations start with {@code prefix}
     * and, when {@code root} is given, are relative to it (a checkout in a temporary folder).
     */
    static DiffInput compiled(String label, Path path, OfferingCompiler compiler, String prefix, @Nullable Path root)
            throws Unusable {
        Bundle bundle = compiler.compile(List.of(path));
        if (bundle.result().hasErrors()) {
            throw new Unusable(label + ": the offerings do not compile", bundle);
        }
        DiffInput read = bundle(label, bundle.files().files());
        Map<String, String> homes = new LinkedHashMap<>();
        for (Offering offering : bundle.result().offerings()) {
            Path file = Path.of(offering.span().file());
            if (root != null) {
                file = root.toAbsolutePath()
                        .normalize()
                        .relativize(file.toAbsolutePath().normalize());
            }
            Path parent = file.getParent();
            homes.put(
                    offering.name(),
                    prefix + (parent == null ? "" : parent.toString().replace('\\', '/') + "/"));
        }
        return new DiffInput(label, read.side, homes);
    }

    private static DiffInput bundle(String label, Map<String, byte[]> files) throws Unusable {
        byte[] model = files.get(BundleLayout.MODEL);
        if (model == null) {
            throw new Unusable(label + ": " + BundleLayout.MODEL + " is missing; this is not a bundle", null);
        }
        try {
            BundleModel read = ModelReader.read(label + ": " + BundleLayout.MODEL, model);
            byte[] sources = files.get(BundleLayout.SOURCES);
            SourceMap map = sources == null
                    ? SourceMap.EMPTY
                    : SourceMapReader.read(label + ": " + BundleLayout.SOURCES, sources);
            return new DiffInput(label, new BundleSide(read, map), Map.of());
        } catch (ModelFormatException e) {
            throw new Unusable(String.valueOf(e.getMessage()), null);
        }
    }

    private static Map<String, byte[]> readJar(Path jar) throws Unusable {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new Unusable("bundle " + jar + ": cannot read the jar: " + e.getMessage(), null);
        }
        return files;
    }

    private static Map<String, byte[]> readDirectory(Path directory) throws Unusable {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new Unusable("bundle " + directory + ": cannot read it: " + e.getMessage(), null);
        }
        return files;
    }
}
