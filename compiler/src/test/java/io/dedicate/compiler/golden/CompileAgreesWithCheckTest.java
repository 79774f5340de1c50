package io.dedicate.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.TemplateRenderCheck;
import io.dedicate.dsl.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OfferingCompiler#compile} emits the bundle while the validation rules still run, and drops it when they find
 * an error: on every golden input it reports exactly what {@link OfferingCompiler#check} reports (plus render errors,
 * which no golden input has), builds the same offerings, and its bundle is empty exactly when there is an error.
 */
class CompileAgreesWithCheckTest {

    static Stream<String> cases() throws IOException {
        return GoldenCases.names()
                .filter(name ->
                        Files.isDirectory(GoldenCases.GOLDEN.resolve(name).resolve("input")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void compileReportsWhatCheckReports(String name) {
        Path input = GoldenCases.GOLDEN.resolve(name).resolve("input");
        OfferingCompiler compiler = new OfferingCompiler();
        CompileResult checked = compiler.check(List.of(input));
        for (int round = 0; round < 3; round++) {
            Bundle compiled = compiler.compile(List.of(input));
            List<Diagnostic> rendering = compiled.result().diagnostics().stream()
                    .filter(d -> TemplateRenderCheck.CODE.equals(d.code()))
                    .toList();
            assertEquals(List.of(), rendering, name);
            assertEquals(checked.diagnostics(), compiled.result().diagnostics(), name);
            assertEquals(checked.offerings(), compiled.result().offerings(), name);
            if (checked.hasErrors()) {
                assertTrue(compiled.files().files().isEmpty(), name);
            } else {
                assertFalse(compiled.files().files().isEmpty(), name);
            }
        }
    }
}
