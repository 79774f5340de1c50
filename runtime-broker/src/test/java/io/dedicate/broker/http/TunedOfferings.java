package io.dedicate.broker.http;

import io.dedicate.broker.offering.TestBundles;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.BundleWriter;
import io.dedicate.compiler.OfferingCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's {@code offerings/} with a few lines of {@code mysql.offering} changed, compiled with the real
 * compiler into a bundle: for tests that need a setting the real offering does not use (a tiny quota, a driver
 * character set), written exactly as a service operator would write it.
 */
final class TunedOfferings {

    private TunedOfferings() {}

    /**
     * Copies {@code offerings/} into {@code target/offerings}, replaces each key of {@code replacements} in {@code
     * mysql.offering} by its value (each must occur), compiles it and writes the bundle to {@code target/bundle}.
     */
    static Path bundle(Path target, Map<String, String> replacements) {
        try {
            Path source = TestBundles.repoRoot().resolve("offerings");
            Path offerings = target.resolve("offerings");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.sorted().toList()) {
                    Path copy = offerings.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            Path offering = offerings.resolve("mysql.offering");
            String text = Files.readString(offering, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                if (!text.contains(replacement.getKey())) {
                    throw new IllegalStateException("mysql.offering no longer contains: " + replacement.getKey());
                }
                text = text.replace(replacement.getKey(), replacement.getValue());
            }
            Files.writeString(offering, text, StandardCharsets.UTF_8);
            Bundle bundle = new OfferingCompiler().compile(List.of(offerings));
            if (bundle.result().hasErrors()) {
                throw new IllegalStateException("the tuned offering does not compile: "
                        + bundle.result().diagnostics());
            }
            Path directory = target.resolve("bundle");
            new BundleWriter().write(bundle.files().files(), directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
