package io.dedicate.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.dsl.OfferingParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The TextMate grammar under {@code editors/textmate/} (syntax colours in VS Code, IntelliJ and GitHub-style
 * highlighters) against the language's real vocabulary: it colours every keyword the parser knows and nothing
 * else as a keyword, and every pattern is a valid regular expression.
 */
class TextMateGrammarTest {

    private static final Path ROOT = Path.of(System.getProperty("dedicate.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path EDITORS = ROOT.resolve("editors/textmate");
    private static final Pattern WORD_LIST = Pattern.compile("^\\\\b\\(([a-z0-9_|]+)\\)\\\\b\\(\\?!-\\)$");

    private static JsonNode grammar() throws IOException {
        return new ObjectMapper()
                .readTree(EDITORS.resolve("dedicate.tmLanguage.json").toFile());
    }

    @Test
    void theGrammarNamesTheLanguageAndItsFiles() throws IOException {
        JsonNode grammar = grammar();
        assertEquals("source.dedicate", grammar.get("scopeName").asText());
        assertEquals(List.of("offering", "fragment"), texts(grammar.get("fileTypes")));
        JsonNode extension =
                new ObjectMapper().readTree(EDITORS.resolve("package.json").toFile());
        JsonNode contributed = extension.at("/contributes/grammars/0");
        assertEquals("source.dedicate", contributed.get("scopeName").asText());
        assertTrue(Files.isRegularFile(EDITORS.resolve(contributed.get("path").asText())));
        assertTrue(Files.isRegularFile(EDITORS.resolve(
                extension.at("/contributes/languages/0/configuration").asText())));
    }

    @Test
    void everyKeywordOfTheParserIsColouredAndNothingElseIs() throws IOException {
        JsonNode repository = grammar().get("repository");
        TreeSet<String> coloured = new TreeSet<>();
        for (String rule : List.of("keywords", "types", "constants")) {
            Matcher words = WORD_LIST.matcher(repository.get(rule).get("match").asText());
            assertTrue(words.matches(), rule + " is one list of words: " + repository.get(rule));
            coloured.addAll(List.of(words.group(1).split("\\|")));
        }
        assertEquals(new TreeSet<>(OfferingParser.keywords()), coloured);
    }

    @Test
    void everyPatternIsAValidRegularExpression() throws IOException {
        List<String> patterns = new ArrayList<>();
        collect(grammar(), patterns);
        assertTrue(patterns.size() > 20, patterns.toString());
        for (String pattern : patterns) {
            Pattern.compile(pattern, Pattern.MULTILINE);
        }
    }

    @Test
    void parameterReferencesCommentsAndPlansAreRecognisedOnTheRealOffering() throws IOException {
        JsonNode repository = grammar().get("repository");
        String offering = Files.readString(ROOT.resolve("offerings/mysql.offering"));
        Matcher reference = Pattern.compile(
                        repository.at("/parameter-references/match").asText())
                .matcher(offering);
        assertTrue(reference.find());
        assertEquals("params.innodb_buffer_pool_size", reference.group());
        Matcher comment = Pattern.compile(
                        repository.at("/comments/patterns/0/match").asText(), Pattern.MULTILINE)
                .matcher(offering);
        assertTrue(comment.find() && comment.start() == 0, "the file starts with a comment");
        Matcher plan = Pattern.compile(
                        repository.at("/declarations/patterns/1/match").asText())
                .matcher(offering);
        List<String> plans = new ArrayList<>();
        while (plan.find()) {
            plans.add(plan.group(3));
        }
        assertTrue(plans.containsAll(List.of("cluster-small", "cluster-large", "100mb")), plans.toString());
    }

    private static void collect(JsonNode node, List<String> patterns) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (List.of("match", "begin", "end").contains(field.getKey())) {
                    patterns.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), patterns);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, patterns));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
