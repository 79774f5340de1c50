package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ANTLR stays inside the parser's internal package: the rest of the product sees only the AST. */
class AntlrConfinementTest {

    private static final List<String> OTHER_MODULES =
            List.of("compiler", "bundle", "cli", "runtime-broker", "benchmarks");

    @Test
    void noOtherModuleUsesAntlr() throws IOException {
        Path root = RepositoryRoot.find();
        List<Path> sources = new ArrayList<>();
        for (String module : OTHER_MODULES) {
            sources.addAll(javaFiles(root.resolve(module)));
        }
        assertTrue(!sources.isEmpty(), "no Java sources found in " + OTHER_MODULES + " under " + root);
        assertEquals(List.of(), mentioningAntlr(sources), "files outside dsl/ that use org.antlr");
    }

    @Test
    void onlyTheInternalPackageOfTheParserUsesAntlr() throws IOException {
        Path sources = RepositoryRoot.find().resolve("dsl/src/main/java");
        List<Path> outsideInternal = javaFiles(sources).stream()
                .filter(file -> !sources.relativize(file).startsWith(Path.of("io/dedicate/dsl/internal")))
                .toList();
        assertTrue(outsideInternal.size() > 5, "expected the public dsl sources, found " + outsideInternal);
        assertEquals(List.of(), mentioningAntlr(outsideInternal), "public dsl files that use org.antlr");
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> mentioningAntlr(List<Path> files) {
        return files.stream()
                .filter(file -> read(file).contains("org.antlr"))
                .map(Path::toString)
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
