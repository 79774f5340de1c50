package io.dedicate.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.RepositoryFiles;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.OfferingParser;
import io.dedicate.dsl.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzes the offering language end to end: any text as an offering file goes through the parser and the whole
 * compiler (load, includes, validation, model, every emitter, the template render check). A crash is an uncaught
 * exception or a hang (over 60 s on one input, -Pfuzz); the only acceptable answers are a bundle or located diagnostics.
 *
 * <p>In the normal build this runs the kept corpus ({@code OfferingCompilerFuzzTestInputs/compile/}: the golden
 * inputs, the real MySQL offering and every input that once found a bug) as regression tests; {@code -Pfuzz} fuzzes
 * it (see the README, "Fuzzing").
 */
class OfferingCompilerFuzzTest {

    /** A folder holding the fuzzed offering next to the real fragments, so {@code include} reaches real files. */
    private static final Path WORK = workFolder();

    private static final OfferingCompiler COMPILER = new OfferingCompiler();

    @FuzzTest(maxDuration = "11m")
    void compile(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);

        ParseResult parsed = OfferingParser.parse("fuzz.offering", text);
        if (parsed.ast() == null) {
            assertFalse(parsed.diagnostics().isEmpty(), "no AST and no diagnostic");
        }

        Path file = WORK.resolve("fuzz.offering");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Bundle bundle = COMPILER.compile(List.of(file));
        List<Diagnostic> diagnostics = bundle.result().diagnostics();
        boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
        if (errors) {
            assertTrue(bundle.files().files().isEmpty(), "a bundle was emitted despite errors");
        } else {
            assertFalse(bundle.files().files().isEmpty(), "no error and no bundle");
        }
    }

    private static Path workFolder() {
        try {
            Path work = Files.createTempDirectory("dedicate-fuzz-compiler-");
            Path fragments = Files.createDirectories(work.resolve("fragments"));
            try (Stream<Path> real = Files.list(RepositoryFiles.OFFERINGS.resolve("fragments"))) {
                for (Path fragment : real.toList()) {
                    Files.copy(
                            fragment, fragments.resolve(fragment.getFileName().toString()));
                }
            }
            work.toFile().deleteOnExit();
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
