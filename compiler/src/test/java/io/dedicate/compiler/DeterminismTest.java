package io.dedicate.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same inputs, same result: models, diagnostics and their order never depend on the run. */
class DeterminismTest {

    @Test
    void theRealOfferingsCompileToEqualModels() {
        CompileResult first = new OfferingCompiler().check(List.of(RepositoryFiles.OFFERINGS));
        CompileResult second = new OfferingCompiler().check(List.of(RepositoryFiles.OFFERINGS));
        assertFalse(first.offerings().isEmpty());
        assertEquals(first.offerings(), second.offerings());
        assertEquals(first.diagnostics(), second.diagnostics());
        assertEquals(first.sources(), second.sources());
    }

    @Test
    void brokenOfferingsGiveEqualDiagnosticsInEqualOrder() {
        Path several = RepositoryFiles.ROOT.resolve("golden/several-mistakes/input");
        CompileResult first = new OfferingCompiler().check(List.of(several));
        CompileResult second = new OfferingCompiler().check(List.of(several));
        assertEquals(16, first.diagnostics().size(), first.diagnostics().toString());
        assertEquals(first.diagnostics(), second.diagnostics());
    }

    @Test
    void bundlesAreByteIdentical() {
        Bundle first = new OfferingCompiler().compile(List.of(RepositoryFiles.OFFERINGS));
        Bundle second = new OfferingCompiler().compile(List.of(RepositoryFiles.OFFERINGS));
        assertEquals(first.files().files().keySet(), second.files().files().keySet());
        first.files()
                .files()
                .forEach((path, bytes) -> assertEquals(
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                        first.files().text(path)));
        first.files()
                .files()
                .forEach((path, bytes) ->
                        assertEquals(first.files().text(path), second.files().text(path), path));
    }
}
