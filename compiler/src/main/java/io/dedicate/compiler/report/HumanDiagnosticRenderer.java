package io.dedicate.compiler.report;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a diagnostic for a person: the one-line form, the source line with carets under the span,
 * and the hint.
 *
 * <pre>
 * offerings/mysql.offering:12:5: error[unknown-plan]: plan `cluster-smal` is not declared (did you mean `cluster-small`?)
 *    12 |   upgrade cluster-smal -&gt; cluster-large
 *       |           ^^^^^^^^^^^^
 *    = hint: declared plans are cluster-small, cluster-large, database
 * </pre>
 *
 * A span that runs over several lines is underlined to the end of its first line. Tabs are shown
 * as single spaces so that the carets stay aligned.
 */
public final class HumanDiagnosticRenderer {

    private final Map<String, String> sources;

    /** @param sources file display path to text, as in {@code CompileResult.sources()} */
    public HumanDiagnosticRenderer(Map<String, String> sources) {
        this.sources = Map.copyOf(sources);
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(render(diagnostic)).append('\n');
        }
        return out.toString();
    }

    public String render(Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder(diagnostic.toLine()).append('\n');
        SourceSpan span = diagnostic.span();
        String line = sourceLine(span.file(), span.line());
        String number = Integer.toString(span.line());
        String gutter = " ".repeat(number.length() + 4);
        if (line != null) {
            String shown = line.replace('\t', ' ');
            int start = Math.min(span.column() - 1, shown.length());
            int end = span.endLine() == span.line() ? Math.min(span.endColumn() - 1, shown.length()) : shown.length();
            int width = Math.max(1, end - start);
            out.append("   ").append(number).append(" | ").append(shown).append('\n');
            out.append(gutter)
                    .append("| ")
                    .append(" ".repeat(start))
                    .append("^".repeat(width))
                    .append('\n');
        }
        if (diagnostic.hint() != null) {
            out.append(gutter, 0, gutter.length() - 1)
                    .append("= hint: ")
                    .append(diagnostic.hint())
                    .append('\n');
        }
        return out.toString();
    }

    private @Nullable String sourceLine(String file, int lineNumber) {
        String text = sources.get(file);
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\r?\n", -1);
        return lineNumber >= 1 && lineNumber <= lines.length ? lines[lineNumber - 1] : null;
    }
}
