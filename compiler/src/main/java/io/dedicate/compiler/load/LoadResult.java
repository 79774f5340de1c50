package io.dedicate.compiler.load;

import io.dedicate.dsl.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * What loading produced.
 *
 * @param offerings the offerings that parsed, includes expanded, in input order
 * @param diagnostics problems that belong to no parsed offering: unreadable inputs, syntax errors of
 *     offering files
 * @param sources the text of every file read, by display path
 */
public record LoadResult(List<ExpandedOffering> offerings, List<Diagnostic> diagnostics, Map<String, String> sources) {

    public LoadResult {
        offerings = List.copyOf(offerings);
        diagnostics = List.copyOf(diagnostics);
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }
}
