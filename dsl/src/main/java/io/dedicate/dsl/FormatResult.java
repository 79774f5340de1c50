package io.dedicate.dsl;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What formatting one file gives.
 *
 * @param text the canonical text, or {@code null} when {@link #diagnostics()} holds an error
 * @param diagnostics the parser's diagnostics (warnings only when {@code text} is present)
 */
public record FormatResult(@Nullable String text, List<Diagnostic> diagnostics) {

    public FormatResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the file could not be formatted because it has syntax errors. */
    public boolean hasErrors() {
        return text == null;
    }
}
