package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.jspecify.annotations.Nullable;

/**
 * Decodes string tokens: {@code "..."} strings with the escapes {@code \" \\ \n \t \r \$}, {@code
 * """} text blocks (first line break and last blank line dropped, common indentation stripped, like
 * Java text blocks), and, in expressions, {@code ${a.b}} interpolations into {@link Expr.Template}s
 * whose parts point at their exact place inside the string.
 */
final class StringLiterals {

    private static final String TEXT_BLOCK_QUOTES = "\"\"\"";
    private static final Pattern REFERENCE =
            Pattern.compile("[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*(\\.[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*)+");

    private final Spans spans;
    private final Consumer<Diagnostic> diagnostics;

    StringLiterals(Spans spans, Consumer<Diagnostic> diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    /** Reports every escape of a string or text block token that is not one of the six known. */
    void checkEscapes(Token token) {
        if (token.getText().indexOf('\\') < 0) {
            return; // no escape at all: most strings
        }
        Located raw = Located.of(token);
        for (int i = 0; i < raw.length(); i++) {
            if (raw.at(i) == '\\' && i + 1 < raw.length()) {
                if (decodeEscape(raw.at(i + 1)) < 0) {
                    diagnostics.accept(Messages.error("invalid-escape", raw.span(spans, i, i + 2), raw.text(i, i + 2)));
                }
                i++;
            }
        }
    }

    /** The value of a {@code "..."} string, escapes resolved; {@code ${...}} stays as written. */
    String string(Token token) {
        return unescape(stringContent(token.getText()));
    }

    /** The value of a {@code """} text block: indentation stripped, then escapes resolved. */
    String textBlock(Token token) {
        String raw = token.getText();
        String content = raw.substring(TEXT_BLOCK_QUOTES.length());
        if (content.endsWith(TEXT_BLOCK_QUOTES)) {
            content = content.substring(0, content.length() - TEXT_BLOCK_QUOTES.length());
        }
        return unescape(stripIndentation(content));
    }

    /**
     * A string in an expression: a {@link Value.Str} when it has no interpolation, otherwise an
     * {@link Expr.Template} of literal pieces and references. {@code \$} is a literal dollar.
     */
    Expr expression(Token token) {
        Located raw = Located.of(token);
        int end = isClosedString(token.getText()) ? raw.length() - 1 : raw.length();
        List<Expr> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalStart = 1;
        boolean interpolated = false;
        for (int i = 1; i < end; i++) {
            int c = raw.at(i);
            if (c == '\\' && i + 1 < end) {
                int decoded = decodeEscape(raw.at(i + 1));
                literal.append(decoded < 0 ? raw.text(i, i + 2) : Character.toString(decoded));
                i++;
            } else if (c == '$' && i + 1 < end && raw.at(i + 1) == '{') {
                interpolated = true;
                addLiteral(parts, literal, raw, literalStart, i);
                int close = raw.indexOf('}', i + 2, end);
                if (close < 0) {
                    diagnostics.accept(Messages.error("invalid-interpolation.unclosed", raw.span(spans, i, i + 2)));
                    return new Value.Str(string(token), spans.of(token));
                }
                Expr.Reference reference = reference(raw, i + 2, close);
                if (reference == null) {
                    return new Value.Str(string(token), spans.of(token));
                }
                parts.add(reference);
                i = close;
                literalStart = close + 1;
            } else {
                literal.appendCodePoint(c);
            }
        }
        if (!interpolated) {
            return new Value.Str(literal.toString(), spans.of(token));
        }
        addLiteral(parts, literal, raw, literalStart, end);
        return new Expr.Template(parts, spans.of(token));
    }

    private void addLiteral(List<Expr> parts, StringBuilder literal, Located raw, int from, int to) {
        if (literal.length() > 0) {
            parts.add(new Value.Str(literal.toString(), raw.span(spans, from, to)));
            literal.setLength(0);
        }
    }

    /** The reference between {@code from} and {@code to} (code point indexes), or null if reported. */
    private Expr.@Nullable Reference reference(Located raw, int from, int to) {
        String text = raw.text(from, to);
        if (text.isEmpty()) {
            diagnostics.accept(Messages.error("invalid-interpolation.empty", raw.span(spans, from - 2, to + 1)));
            return null;
        }
        if (!REFERENCE.matcher(text).matches()) {
            diagnostics.accept(
                    Messages.error("invalid-interpolation.not-a-reference", raw.span(spans, from - 2, to + 1), text));
            return null;
        }
        List<Name> path = new ArrayList<>();
        int segmentStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || raw.at(i) == '.') {
                path.add(new Name(raw.text(segmentStart, i), raw.span(spans, segmentStart, i)));
                segmentStart = i + 1;
            }
        }
        return new Expr.Reference(path, raw.span(spans, from, to));
    }

    static boolean isClosedString(String raw) {
        if (raw.length() < 2 || !raw.endsWith("\"")) {
            return false;
        }
        int backslashes = 0;
        for (int i = raw.length() - 2; i > 0 && raw.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    private static String stringContent(String raw) {
        return raw.substring(1, isClosedString(raw) ? raw.length() - 1 : raw.length());
    }

    /** The character an escape {@code \c} stands for, or -1 if {@code c} is not a known escape. */
    private static int decodeEscape(int c) {
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '$' -> '$';
            default -> -1;
        };
    }

    /** Resolves known escapes; unknown ones (already reported) are kept as written. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int decoded = c == '\\' && i + 1 < text.length() ? decodeEscape(text.charAt(i + 1)) : -1;
            if (decoded >= 0) {
                out.append((char) decoded);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Text block layout: a blank first line (the rest of the opening line) and a blank last line
     * (the closing quotes' line) are dropped; the smallest indentation of the non-blank lines and of
     * the closing line is removed from every line; trailing spaces go; lines are joined with
     * {@code \n}.
     */
    static String stripIndentation(String content) {
        List<String> lines =
                new ArrayList<>(List.of(content.replace("\r\n", "\n").split("\n", -1)));
        boolean firstLineKept = !lines.get(0).isBlank();
        if (!firstLineKept) {
            lines.remove(0);
        }
        int indentation = Integer.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean closingLine = i == lines.size() - 1;
            if ((i > 0 || !firstLineKept) && (!line.isBlank() || closingLine)) {
                indentation = Math.min(indentation, leadingWhitespace(line));
            }
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> stripped = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean keepIndentation = i == 0 && firstLineKept;
            String body = keepIndentation ? line : line.substring(Math.min(indentation, leadingWhitespace(line)));
            stripped.add(body.stripTrailing());
        }
        return String.join("\n", stripped);
    }

    private static int leadingWhitespace(String line) {
        int n = 0;
        while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
            n++;
        }
        return n;
    }

    /** A token's text as code points, each with the position where it starts. */
    private static final class Located {

        private final int[] codePoints;
        private final Spans.Position[] positions;

        private Located(int[] codePoints, Spans.Position[] positions) {
            this.codePoints = codePoints;
            this.positions = positions;
        }

        static Located of(Token token) {
            int[] codePoints = token.getText().codePoints().toArray();
            Spans.Position[] positions = new Spans.Position[codePoints.length + 1];
            Spans.Position position = new Spans.Position(token.getLine(), token.getCharPositionInLine() + 1);
            for (int i = 0; i < codePoints.length; i++) {
                positions[i] = position;
                position = codePoints[i] == '\n'
                        ? new Spans.Position(position.line() + 1, 1)
                        : new Spans.Position(position.line(), position.column() + 1);
            }
            positions[codePoints.length] = position;
            return new Located(codePoints, positions);
        }

        int length() {
            return codePoints.length;
        }

        int at(int index) {
            return codePoints[index];
        }

        int indexOf(int codePoint, int from, int to) {
            for (int i = from; i < to; i++) {
                if (codePoints[i] == codePoint) {
                    return i;
                }
            }
            return -1;
        }

        String text(int from, int to) {
            return new String(codePoints, from, to - from);
        }

        /** The span from code point {@code from} (inclusive) to {@code to} (exclusive). */
        SourceSpan span(Spans spans, int from, int to) {
            Spans.Position start = positions[from];
            Spans.Position end = positions[to];
            return spans.at(start.line(), start.column(), end.line(), end.column());
        }
    }
}
