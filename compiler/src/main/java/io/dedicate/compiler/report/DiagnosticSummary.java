package io.dedicate.compiler.report;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.Severity;
import java.util.List;

/** The closing line of a report, {@code 2 errors, 1 warning}, shared by the command line and the Maven plugin. */
public final class DiagnosticSummary {

    private DiagnosticSummary() {}

    /** {@code N errors, M warnings} for {@code diagnostics}. */
    public static String of(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.stream()
                .filter(d -> d.severity() == Severity.WARNING)
                .count();
        return count(errors, "error") + ", " + count(warnings, "warning");
    }

    /** {@code 1 offering}, {@code 3 offerings}. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
