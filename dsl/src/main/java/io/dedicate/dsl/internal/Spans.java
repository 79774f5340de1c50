package io.dedicate.dsl.internal;

import io.dedicate.dsl.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR positions into {@link SourceSpan}s of one file: 1-based columns (ANTLR's are 0-based),
 * counted in code points like ANTLR does, and an exclusive end that may lie on a later line when a
 * token (a text block) spans several lines.
 */
final class Spans {

    private final String file;

    Spans(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    SourceSpan of(Token token) {
        return between(token, token);
    }

    /** From the first token of {@code context} to the end of its last one. */
    SourceSpan of(ParserRuleContext context) {
        Token stop = context.getStop();
        if (stop == null || stop.getTokenIndex() < context.getStart().getTokenIndex()) {
            return of(context.getStart());
        }
        return between(context.getStart(), stop);
    }

    SourceSpan between(Token start, Token stop) {
        if (start.getType() == Token.EOF) {
            return SourceSpan.at(file, start.getLine(), start.getCharPositionInLine() + 1);
        }
        Position end = endOf(stop);
        return new SourceSpan(file, start.getLine(), start.getCharPositionInLine() + 1, end.line(), end.column());
    }

    SourceSpan at(int line, int column, int endLine, int endColumn) {
        return new SourceSpan(file, line, column, endLine, endColumn);
    }

    /** The position just after the last character of {@code token}. */
    static Position endOf(Token token) {
        return new Position(token.getLine(), token.getCharPositionInLine() + 1).advance(token.getText());
    }

    /** A 1-based line and column. Only {@code \n} starts a new line, as in ANTLR's lexer. */
    record Position(int line, int column) {

        Position advance(String text) {
            int line = this.line;
            int column = this.column;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                if (codePoint == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i += Character.charCount(codePoint);
            }
            return new Position(line, column);
        }
    }
}
