package io.dedicate.dsl.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.antlr.v4.runtime.Vocabulary;

/** The language's keywords, read from the lexer's vocabulary: every literal token that starts with a letter. */
public final class Keywords {

    private static final List<String> ALL = ofVocabulary(OfferingLexer.VOCABULARY);

    private Keywords() {}

    /** Every keyword, sorted. */
    public static List<String> all() {
        return ALL;
    }

    private static List<String> ofVocabulary(Vocabulary vocabulary) {
        List<String> keywords = new ArrayList<>();
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            String literal = vocabulary.getLiteralName(type);
            if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1))) {
                keywords.add(literal.substring(1, literal.length() - 1));
            }
        }
        Collections.sort(keywords);
        return List.copyOf(keywords);
    }
}
