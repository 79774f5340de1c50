package io.dedicate.lsp;

import io.dedicate.dsl.SourceSpan;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between the compiler's positions (1-based lines, 1-based columns counted in code points, exclusive end)
 * and LSP's (0-based lines, 0-based characters counted in UTF-16 code units).
 */
final class Positions {

    private Positions() {}

    /** The range of {@code span} in {@code text} (the file's content; a column past a line's end stays there). */
    static Range range(String text, SourceSpan span) {
        return new Range(position(text, span.line(), span.column()), position(text, span.endLine(), span.endColumn()));
    }

    static Position position(String text, int line, int column) {
        String lineText = line(text, line - 1);
        int units = 0;
        int codePoints = 1;
        while (codePoints < column && units < lineText.length()) {
            units += Character.charCount(lineText.codePointAt(units));
            codePoints++;
        }
        return new Position(line - 1, units + Math.max(0, column - codePoints));
    }

    /** The compiler's 1-based code-point column of an LSP position's character on its line. */
    static int column(String text, Position position) {
        String lineText = line(text, position.getLine());
        int end = Math.min(position.getCharacter(), lineText.length());
        return lineText.codePointCount(0, end) + 1;
    }

    /** Line {@code index} (0-based) of {@code text}, without its end; empty past the last line. */
    static String line(String text, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            int next = text.indexOf('\n', start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = text.indexOf('\n', start);
        String line = end < 0 ? text.substring(start) : text.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A word of the language (a name or keyword) around an LSP position, with what precedes it. */
    record Word(String text, String before, int startCharacter, int endCharacter) {

        /** True for {@code params.NAME}: a reference to a parameter. */
        boolean isParameterReference() {
            return before.endsWith("params.");
        }
    }

    static Word wordAt(String text, Position position) {
        String lineText = line(text, position.getLine());
        int at = Math.min(position.getCharacter(), lineText.length());
        int start = at;
        while (start > 0 && isNameChar(lineText.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < lineText.length() && isNameChar(lineText.charAt(end))) {
            end++;
        }
        return new Word(lineText.substring(start, end), lineText.substring(0, start), start, end);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
