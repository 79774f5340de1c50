package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.RepositoryFiles;
import io.dedicate.dsl.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's proof that the offerings we ship would deploy as far as the releases' job specs can tell: every offering
 * in {@code offerings/}, checked against the specs of the releases it names ({@code ../shared/bosh-releases/}: pxc
 * 2.0.8 and prometheus 26.6.0; bpm 1.4.26 is named with no property and its specs are not at hand), has no
 * diagnostic at all: no unknown job, no undeclared property, nothing else.
 */
class RepositoryOfferingsMeetTheirReleasesTest {

    @Test
    void everyOfferingHasNoDiagnosticAgainstItsReleasesSpecs() {
        OfferingCompiler compiler = new OfferingCompiler(Map.of(
                "pxc", SharedReleases.folder("pxc-2.0.8"),
                "prometheus", SharedReleases.folder("prometheus-26.6.0")));
        CompileResult result = compiler.check(List.of(RepositoryFiles.OFFERINGS));
        assertEquals(
                List.of(),
                result.diagnostics().stream().map(Diagnostic::toLine).toList(),
                "offerings/ against ../shared/bosh-releases");
    }
}
