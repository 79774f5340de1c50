package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.Suggestions;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parser's syntax errors into diagnostics that say what was found, what the language
 * expects there (in its own words, see {@link ExpectedTokens}), and the closest keyword when the
 * offending word looks like a misspelt one.
 *
 * <p>It replaces ANTLR's console listener. ANTLR's recovery already stays silent until it has
 * matched a token again; on top of that only the first error of a line is reported, since the
 * others on the same line are almost always consequences of it.
 */
final class SyntaxErrorListener extends BaseErrorListener {

    private static final int SHOWN_TOKEN_LENGTH = 40;

    private final Spans spans;
    private final Consumer<Diagnostic> diagnostics;
    private final List<Token> unclosedBraces;
    private int lastErrorLine = -1;

    /**
     * @param unclosedBraces the opening braces no closing brace matches (from the lexical pass), to
     *     explain an unexpected end of file
     */
    SyntaxErrorListener(Spans spans, Consumer<Diagnostic> diagnostics, List<Token> unclosedBraces) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.unclosedBraces = List.copyOf(unclosedBraces);
    }

    @Override
    public void syntaxError(
            Recognizer<?, ?> recognizer,
            @Nullable Object offendingSymbol,
            int line,
            int charPositionInLine,
            String antlrMessage,
            @Nullable RecognitionException error) {
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            throw new IllegalArgumentException("listens to the offering parser only, not to " + recognizer);
        }
        if (token.getLine() == lastErrorLine) {
            return;
        }
        lastErrorLine = token.getLine();
        diagnostics.accept(describe(token, expectation(parser, error)));
    }

    private static ExpectedTokens.Expectation expectation(Parser parser, @Nullable RecognitionException error) {
        if (error instanceof NoViableAltException noViableAlternative
                && noViableAlternative.getDeadEndConfigs() != null
                && noViableAlternative.getStartToken() != noViableAlternative.getOffendingToken()) {
            return ExpectedTokens.afterDeadEnd(noViableAlternative.getDeadEndConfigs(), error.getCtx());
        }
        if (error != null && error.getOffendingState() >= 0 && error.getCtx() != null) {
            return ExpectedTokens.at(error.getOffendingState(), error.getCtx());
        }
        return ExpectedTokens.at(parser.getState(), parser.getContext());
    }

    private Diagnostic describe(Token token, ExpectedTokens.Expectation expected) {
        if (token.getType() == Token.EOF && expected.closingBrace() && !unclosedBraces.isEmpty()) {
            Token brace = unclosedBraces.get(unclosedBraces.size() - 1);
            return Messages.error(
                    "unclosed-block",
                    spans.of(token),
                    String.valueOf(brace.getLine()),
                    String.valueOf(brace.getCharPositionInLine() + 1));
        }
        String found = shown(token);
        Optional<String> suggestion =
                isWord(token) ? Suggestions.closest(token.getText(), expected.keywords()) : Optional.empty();
        if (suggestion.isPresent() && !suggestion.get().equals(token.getText())) {
            return Messages.error("syntax.misspelt", spans.of(token), found, expected.describe(), suggestion.get());
        }
        return Messages.error("syntax.unexpected", spans.of(token), found, expected.describe());
    }

    private static boolean isWord(Token token) {
        int type = token.getType();
        return type == OfferingLexer.IDENT || type == OfferingLexer.QUANTITY || ExpectedTokens.keyword(type) != null;
    }

    /** The offending token as quoted in a message: {@code `vm_tpye`}, or "end of file". */
    private static String shown(Token token) {
        if (token.getType() == Token.EOF) {
            return Messages.text("token.EOF");
        }
        String text = token.getText();
        int lineBreak = text.indexOf('\n');
        if (lineBreak >= 0) {
            text = text.substring(0, lineBreak).stripTrailing() + " ...";
        }
        if (text.length() > SHOWN_TOKEN_LENGTH) {
            text = text.substring(0, SHOWN_TOKEN_LENGTH) + " ...";
        }
        return "`" + text + "`";
    }
}
