package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.ParseResult;
import io.dedicate.dsl.ast.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.jspecify.annotations.Nullable;

/**
 * Runs the parser's stages on one file: lexing, the {@link LexicalPass}, parsing with the {@link
 * SyntaxErrorListener}, then, when the parse tree is sound, the {@link AstBuilder}. Behind {@link
 * io.dedicate.dsl.OfferingParser}; public only so that package can reach it.
 */
public final class OfferingReader {

    private OfferingReader() {}

    /** See {@link io.dedicate.dsl.OfferingParser#parse(String, String)}. */
    public static ParseResult read(String file, String text) {
        Spans spans = new Spans(file);
        List<Diagnostic> diagnostics = new ArrayList<>();

        OfferingLexer lexer = new OfferingLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new LexerErrorListener(spans, diagnostics));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        List<Token> unclosedBraces = new LexicalPass(spans, diagnostics::add).screen(tokens.getTokens());
        tokens.seek(0);

        OfferingParser parser = new OfferingParser(tokens);
        parser.setErrorHandler(new BlockAwareErrorStrategy());
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener(spans, diagnostics::add, unclosedBraces));
        OfferingParser.FileContext tree = parser.file();

        SourceFile ast =
                parser.getNumberOfSyntaxErrors() == 0 ? new AstBuilder(spans, diagnostics::add).buildFile(tree) : null;
        List<Diagnostic> sorted = diagnostics.stream().sorted().toList();
        boolean failed = sorted.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(failed ? null : ast, sorted);
    }

    /** The lexer has a catch-all token, so this only guards against grammar changes. */
    private static final class LexerErrorListener extends BaseErrorListener {
        private final Spans spans;
        private final List<Diagnostic> diagnostics;

        LexerErrorListener(Spans spans, List<Diagnostic> diagnostics) {
            this.spans = spans;
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                @Nullable Object offendingSymbol,
                int line,
                int charPositionInLine,
                String message,
                @Nullable RecognitionException error) {
            int column = charPositionInLine + 1;
            String character = error instanceof LexerNoViableAltException noToken
                    ? noToken.getInputStream().getText(Interval.of(noToken.getStartIndex(), noToken.getStartIndex()))
                    : "";
            diagnostics.add(Messages.error(
                    "unexpected-character",
                    spans.at(line, column, line, column + 1),
                    LexicalPass.printable(character)));
        }
    }
}
