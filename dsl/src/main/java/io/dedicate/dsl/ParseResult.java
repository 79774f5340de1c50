package io.dedicate.dsl;

import io.dedicate.dsl.ast.SourceFile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What parsing one offering file gives: the AST when the file is well-formed, and every diagnostic
 * found, sorted by position. The AST is {@code null} as soon as one diagnostic is an error, so the
 * compiler never works on a tree the parser had to patch up.
 *
 * @param ast the file's AST, or {@code null} when {@link #diagnostics()} holds an error
 * @param diagnostics all problems found, in source order
 */
public record ParseResult(@Nullable SourceFile ast, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        if (ast != null && diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a file with errors has no AST");
        }
    }

    /** Whether the file has at least one error (and therefore no AST). */
    public boolean hasErrors() {
        return ast == null;
    }
}
