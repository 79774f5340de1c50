package io.dedicate.dsl;

import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * A problem found in an offering file: a value, never thrown. The {@code code} is stable (tools
 * and golden files rely on it), the message says what is wrong, the hint what to do about it.
 *
 * <p>One-line form, used by golden files and tools:
 *
 * <pre>offerings/mysql.offering:12:5: error[unknown-plan]: plan `cluster-smal` is not declared (did you mean `cluster-small`?)</pre>
 */
public record Diagnostic(
        Severity severity,
        String code,
        String message,
        @Nullable String hint,
        SourceSpan span) implements FromSourceSpan, Comparable<Diagnostic> {

    private static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::span)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(String code, String message, @Nullable String hint, SourceSpan span) {
        return new Diagnostic(Severity.ERROR, code, message, hint, span);
    }

    public static Diagnostic warning(String code, String message, @Nullable String hint, SourceSpan span) {
        return new Diagnostic(Severity.WARNING, code, message, hint, span);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: severity[code]: message}. */
    public String toLine() {
        return span.position() + ": " + severity.label() + "[" + code + "]: " + message;
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return toLine();
    }
}
