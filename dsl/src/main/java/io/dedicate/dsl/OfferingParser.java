package io.dedicate.dsl;

import io.dedicate.dsl.internal.OfferingLexer;
import io.dedicate.dsl.internal.OfferingReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.antlr.v4.runtime.Vocabulary;

/**
 * Parses the text of one offering file (or fragment) into an immutable AST, collecting every
 * syntax error of the file as a located {@link Diagnostic} instead of throwing.
 *
 * <p>This is the only door into the language's grammar: ANTLR's parse tree never leaves the
 * {@code dsl} module, so the compiler depends on the AST records alone.
 *
 * <pre>{@code
 * ParseResult result = OfferingParser.parse("offerings/mysql.offering", Files.readString(path));
 * result.diagnostics().forEach(d -> System.err.println(d.toLine()));
 * }</pre>
 */
public final class OfferingParser {

    private OfferingParser() {}

    /**
     * Parses {@code text}.
     *
     * @param file the path shown to users (e.g. {@code offerings/mysql.offering}); every {@link
     *     SourceSpan} of the result carries it as is
     * @param text the file's content
     * @return the AST (absent when there is any error) and all diagnostics, sorted by position
     */
    public static ParseResult parse(String file, String text) {
        return OfferingReader.read(file, text);
    }

    /**
     * The language's keywords ({@code offering}, {@code plan}, {@code instance_group}, ...), sorted: what an editor
     * completes and colours. Read from the grammar's vocabulary, so it cannot drift from the parser.
     */
    public static List<String> keywords() {
        return KEYWORDS;
    }

    private static final List<String> KEYWORDS = keywordsOfVocabulary();

    private static List<String> keywordsOfVocabulary() {
        Vocabulary vocabulary = OfferingLexer.VOCABULARY;
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
