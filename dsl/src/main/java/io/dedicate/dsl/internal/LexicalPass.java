package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * Checks the tokens of a file before the parser sees them: reports stray characters, unclosed
 * strings, text blocks and comments, and invalid escapes, then repairs the stream (an unclosed
 * string becomes a string, a stray character is hidden) so that one typo yields one diagnostic and
 * the parser can still find the real syntax errors of the rest of the file.
 */
final class LexicalPass {

    private final Spans spans;
    private final Consumer<Diagnostic> diagnostics;
    private final StringLiterals literals;

    LexicalPass(Spans spans, Consumer<Diagnostic> diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.literals = new StringLiterals(spans, diagnostics);
    }

    /**
     * Screens {@code tokens} (all channels, as filled by the token stream) and repairs them in place.
     *
     * @return the opening braces that no closing brace matches, outermost first
     */
    List<Token> screen(List<Token> tokens) {
        Deque<Token> openBraces = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.getType()) {
                case OfferingLexer.ERROR_CHAR -> i = reportStrayCharacters(tokens, i);
                case OfferingLexer.UNTERMINATED_STRING -> {
                    diagnostics.accept(Messages.error("unterminated-string", spans.of(token)));
                    literals.checkEscapes(token);
                    ((WritableToken) token).setType(OfferingLexer.STRING);
                }
                case OfferingLexer.UNTERMINATED_TEXT_BLOCK -> {
                    diagnostics.accept(Messages.error("unterminated-string.text-block", opening(token, 3)));
                    literals.checkEscapes(token);
                    ((WritableToken) token).setType(OfferingLexer.TEXT_BLOCK);
                }
                case OfferingLexer.UNTERMINATED_COMMENT -> {
                    diagnostics.accept(Messages.error("unterminated-comment", opening(token, 2)));
                    ((WritableToken) token).setChannel(Token.HIDDEN_CHANNEL);
                }
                case OfferingLexer.STRING, OfferingLexer.TEXT_BLOCK -> literals.checkEscapes(token);
                case OfferingLexer.LBRACE -> openBraces.push(token);
                case OfferingLexer.RBRACE -> openBraces.poll();
                default -> {}
            }
        }
        List<Token> unclosed = new ArrayList<>(openBraces);
        Collections.reverse(unclosed);
        return unclosed;
    }

    /** Reports a run of adjacent stray characters once; returns the index of the run's last token. */
    private int reportStrayCharacters(List<Token> tokens, int first) {
        int last = first;
        while (last + 1 < tokens.size()
                && tokens.get(last + 1).getType() == OfferingLexer.ERROR_CHAR
                && tokens.get(last + 1).getStartIndex() == tokens.get(last).getStopIndex() + 1
                && tokens.get(last + 1).getLine() == tokens.get(first).getLine()) {
            last++;
        }
        StringBuilder characters = new StringBuilder();
        for (int i = first; i <= last; i++) {
            characters.append(tokens.get(i).getText());
            ((WritableToken) tokens.get(i)).setChannel(Token.HIDDEN_CHANNEL);
        }
        String key = last == first ? "unexpected-character" : "unexpected-character.several";
        diagnostics.accept(Messages.error(
                key, spans.between(tokens.get(first), tokens.get(last)), printable(characters.toString())));
        return last;
    }

    private SourceSpan opening(Token token, int length) {
        int column = token.getCharPositionInLine() + 1;
        return spans.at(token.getLine(), column, token.getLine(), column + length);
    }

    /** Control and invisible characters are shown by their code point, e.g. {@code U+0007}. */
    static String printable(String characters) {
        StringBuilder out = new StringBuilder();
        characters.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.isWhitespace(c) || !Character.isDefined(c)) {
                out.append(String.format(Locale.ROOT, "U+%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
