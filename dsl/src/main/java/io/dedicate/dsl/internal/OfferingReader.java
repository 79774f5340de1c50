package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.ParseResult;
import io.dedicate.dsl.ast.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.ParseCancellationException;
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

        OfferingParser.FileContext tree = parseFast(tokens);
        int syntaxErrors = 0;
        if (tree == null) {
            tokens.seek(0);
            OfferingParser parser = new OfferingParser(tokens);
            LineAwareErrorStrategy recovery = new LineAwareErrorStrategy();
            parser.setErrorHandler(recovery);
            parser.removeErrorListeners();
            parser.addErrorListener(new SyntaxErrorListener(spans, diagnostics::add, recovery, unclosedBraces));
            tree = parser.file();
            syntaxErrors = parser.getNumberOfSyntaxErrors();
        }

        SourceFile ast = syntaxErrors == 0 ? new AstBuilder(spans, diagnostics::add).buildFile(tree) : null;
        List<Diagnostic> reported = firstOfEachLine(diagnostics);
        boolean failed = reported.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(failed ? null : ast, reported);
    }

    /**
     * The parse tree of a file without syntax errors, using ANTLR's faster SLL prediction and no
     * recovery; null at the first error (or when SLL is not enough), in which case the caller parses
     * again with full LL prediction and error reporting, as ANTLR's authors recommend.
     */
    private static OfferingParser.@Nullable FileContext parseFast(CommonTokenStream tokens) {
        OfferingParser parser = new OfferingParser(tokens);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        parser.removeErrorListeners();
        try {
            return parser.file();
        } catch (ParseCancellationException syntaxError) {
            return null;
        }
    }

    /**
     * The diagnostics in source order, keeping only the first of each line: a second one on the
     * same line (a stray quote shifts every string after it) is nearly always a consequence of
     * the first, and goes away when the first is fixed.
     */
    private static List<Diagnostic> firstOfEachLine(List<Diagnostic> diagnostics) {
        List<Diagnostic> kept = new ArrayList<>();
        Diagnostic previous = null;
        for (Diagnostic diagnostic : diagnostics.stream().sorted().toList()) {
            if (previous == null || previous.span().line() != diagnostic.span().line()) {
                kept.add(diagnostic);
                previous = diagnostic;
            }
        }
        return kept;
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
