package io.dedicate.dsl;

import java.util.Comparator;

/**
 * Where something is in an offering file: 1-based line and column of its first character, and the
 * line and column just after its last character (exclusive). The file is the path as the user gave
 * it (relative paths stay relative, so diagnostics read the same on every machine).
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn)
        implements Comparable<SourceSpan> {

    /** A span for things that have no place in a file (built-in parameters, defaults). */
    public static final SourceSpan NONE = new SourceSpan("<built-in>", 1, 1, 1, 1);

    private static final Comparator<SourceSpan> ORDER = Comparator.comparing(SourceSpan::file)
            .thenComparingInt(SourceSpan::line)
            .thenComparingInt(SourceSpan::column)
            .thenComparingInt(SourceSpan::endLine)
            .thenComparingInt(SourceSpan::endColumn);

    public SourceSpan {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** A span covering one position. */
    public static SourceSpan at(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column + 1);
    }

    /** The smallest span from the start of {@code this} to the end of {@code other} (same file). */
    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(file, line, column, other.endLine, other.endColumn);
    }

    /** {@code file:line:column}, the way compilers print positions. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(SourceSpan other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return position();
    }
}
