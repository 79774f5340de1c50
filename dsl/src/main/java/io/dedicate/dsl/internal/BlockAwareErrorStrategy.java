package io.dedicate.dsl.internal;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's error recovery, adapted to a language of blocks of keyword-led lines, so that one mistake
 * gives one diagnostic and the rest of the file is still checked.
 *
 * <ul>
 *   <li>A bad first line in a block ({@code cluster plan x { vm_tpye small ... }}) is skipped like
 *       a bad later line, instead of abandoning the whole block (ANTLR's default at a loop's entry),
 *       which made the block's {@code }} close the enclosing one and caused a cascade.
 *   <li>When skipping tokens, a block opened while skipping is skipped whole, so its {@code }} is
 *       never mistaken for the end of the block the parser is in.
 * </ul>
 */
final class BlockAwareErrorStrategy extends DefaultErrorStrategy {

    @Override
    public void sync(Parser recognizer) {
        ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        if (inErrorRecoveryMode(recognizer) || state.getStateType() != ATNState.STAR_LOOP_ENTRY) {
            super.sync(recognizer);
            return;
        }
        TokenStream tokens = recognizer.getInputStream();
        IntervalSet expecting = recognizer.getExpectedTokens();
        if (expecting.contains(tokens.LA(1))) {
            return;
        }
        if (singleTokenDeletion(recognizer) != null) {
            return;
        }
        reportUnwantedToken(recognizer);
        consumeUntil(recognizer, expecting.or(getErrorRecoverySet(recognizer)));
    }

    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
        TokenStream tokens = recognizer.getInputStream();
        int depth = 0;
        int type = tokens.LA(1);
        while (type != Token.EOF && (depth > 0 || !set.contains(type))) {
            if (type == OfferingLexer.LBRACE) {
                depth++;
            } else if (type == OfferingLexer.RBRACE && depth > 0) {
                depth--;
            }
            recognizer.consume();
            type = tokens.LA(1);
        }
    }
}
