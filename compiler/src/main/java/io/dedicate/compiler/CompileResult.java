package io.dedicate.compiler;

import io.dedicate.compiler.model.Offering;
import io.dedicate.dsl.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * What a compilation produced: the offerings that compiled (sorted by name), every diagnostic
 * (sorted by location), and the text of every file read (display path to text), so that
 * diagnostics can be shown with their source line.
 */
public record CompileResult(List<Offering> offerings, List<Diagnostic> diagnostics, Map<String, String> sources) {

    public CompileResult {
        offerings = List.copyOf(offerings);
        diagnostics = diagnostics.stream().sorted().toList();
        sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
