package io.dedicate.dsl.internal;

import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's error recovery, adapted to a language of blocks of keyword-led lines, so that each bad
 * line gets one diagnostic and the rest of the file is still checked.
 *
 * <ul>
 *   <li>A bad first line in a block ({@code cluster plan x { vm_tpye small ... }}) is skipped like
 *       a bad later line, instead of abandoning the whole block (ANTLR's default at a loop's entry),
 *       which made the block's closing brace close the enclosing one and caused a cascade.
 *   <li>An error in the middle of a line spoils the rest of that line: recovery skips it (but not a
 *       closing brace or a {@code ;} that ends the line's construct), then resumes at the next
 *       line, where a new mistake is reported again.
 *   <li>A block opened while skipping is skipped whole, so its closing brace is never mistaken for
 *       the end of the block the parser is in.
 *   <li>It remembers the deepest place where the parser could still have accepted more before
 *       the offending token ({@link #expectationPoint}), so that messages list everything that
 *       could have come there, not only what the enclosing block accepts.
 * </ul>
 */
final class LineAwareErrorStrategy extends DefaultErrorStrategy {

    /** A parser state and rule invocation from which the expected tokens are computed. */
    record Point(int state, ParserRuleContext context) {}

    private int pointTokenIndex = -1;
    private Point point = new Point(-1, ParserRuleContext.EMPTY);

    @Override
    public void sync(Parser recognizer) {
        rememberExpectationPoint(recognizer);
        ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        if (inErrorRecoveryMode(recognizer) || state.getStateType() != ATNState.STAR_LOOP_ENTRY) {
            super.sync(recognizer);
            return;
        }
        IntervalSet expecting = recognizer.getExpectedTokens();
        if (expecting.contains(recognizer.getInputStream().LA(1)) || singleTokenDeletion(recognizer) != null) {
            return;
        }
        reportUnwantedToken(recognizer);
        consumeUntil(recognizer, expecting.or(getErrorRecoverySet(recognizer)));
    }

    /**
     * Where the parser last stood before {@code offending} while it could still have accepted more
     * (an optional part it skipped), if it did.
     */
    Optional<Point> expectationPoint(Token offending) {
        return offending.getTokenIndex() == pointTokenIndex ? Optional.of(point) : Optional.empty();
    }

    private void rememberExpectationPoint(Parser recognizer) {
        Token next = recognizer.getCurrentToken();
        if (next.getTokenIndex() == pointTokenIndex) {
            return;
        }
        IntervalSet possible = recognizer
                .getATN()
                .nextTokens(recognizer.getInterpreter().atn.states.get(recognizer.getState()));
        if (possible.contains(Token.EPSILON) && !possible.contains(next.getType())) {
            pointTokenIndex = next.getTokenIndex();
            point = new Point(recognizer.getState(), recognizer.getContext());
        }
    }

    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
        TokenStream tokens = recognizer.getInputStream();
        Token first = tokens.LT(1);
        Token previous = tokens.LT(-1);
        boolean midLine = previous != null && previous.getLine() == first.getLine();
        int depth = 0;
        while (tokens.LA(1) != Token.EOF) {
            Token next = tokens.LT(1);
            int type = next.getType();
            if (depth == 0) {
                boolean sameLine = next.getLine() == first.getLine();
                if (set.contains(type)
                        && (!sameLine || !midLine || type == OfferingLexer.RBRACE || type == OfferingLexer.SEMI)) {
                    return;
                }
                if (!sameLine) {
                    endErrorCondition(recognizer);
                    return;
                }
            }
            if (type == OfferingLexer.LBRACE) {
                depth++;
            } else if (type == OfferingLexer.RBRACE && depth > 0) {
                depth--;
            }
            recognizer.consume();
        }
    }
}
