package io.dedicate.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import org.junit.jupiter.api.Test;

/** The message bundle has a wording for everything the parser may need to say. */
class MessagesTest {

    @Test
    void everyTokenTypeHasAWording() {
        for (int type = 1; type <= OfferingLexer.VOCABULARY.getMaxTokenType(); type++) {
            String described = ExpectedTokens.describeToken(type);
            assertFalse(described.isBlank() || described.contains("null"), "token " + type + ": " + described);
        }
        assertEquals("`vm_type`", ExpectedTokens.describeToken(OfferingLexer.VM_TYPE));
        assertEquals("`}`", ExpectedTokens.describeToken(OfferingLexer.RBRACE));
        assertEquals("a quantity such as `10GB` or `2h`", ExpectedTokens.describeToken(OfferingLexer.QUANTITY));
        assertEquals("end of file", ExpectedTokens.describeToken(org.antlr.v4.runtime.Token.EOF));
    }

    @Test
    void onlyWordsAreKeywords() {
        assertEquals("max_polling", ExpectedTokens.keyword(OfferingLexer.MAX_POLLING));
        assertEquals(null, ExpectedTokens.keyword(OfferingLexer.ARROW));
        assertEquals(null, ExpectedTokens.keyword(OfferingLexer.IDENT));
    }

    @Test
    void codeIsTheKeyBeforeTheFirstDotAndHintsAreFilledIn() {
        Diagnostic diagnostic = Messages.error("syntax.misspelt", SourceSpan.at("f", 1, 1), "`a`", "b", "c");
        assertEquals("syntax", diagnostic.code());
        assertEquals("unexpected `a`, expected b (did you mean `c`?)", diagnostic.message());
        assertEquals("replace `a` with `c`", diagnostic.hint());
    }

    @Test
    void quotedBracesAndBackslashesSurviveTheFormatting() {
        assertEquals("`${` is not closed in this string", Messages.text("invalid-interpolation.unclosed"));
        assertTrue(Messages.text("invalid-escape.hint").startsWith("the escapes are `\\\"`, `\\\\`, `\\n`"));
    }
}
