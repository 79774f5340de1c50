package io.dedicate.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.dsl.OfferingParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language server driven through the LSP protocol, on the real MySQL offering and on small broken ones. */
class LanguageServerTest {

    private static final Path ROOT = Path.of(System.getProperty("dedicate.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path MYSQL = ROOT.resolve("offerings/mysql.offering");

    @TempDir
    Path folder;

    @Test
    void theRealOfferingHasNoErrorsAndATypoIsShownWhereItIsThenCleared() throws Exception {
        String text = Files.readString(MYSQL, StandardCharsets.UTF_8);
        try (EditorSession editor = new EditorSession()) {
            editor.open(MYSQL, text);
            assertTrue(errors(editor.nextDiagnostics(MYSQL)).isEmpty(), "the real offering compiles clean");

            editor.change(
                    MYSQL,
                    text.replace("upgrade cluster-small -> cluster-large", "upgrade cluster-smal -> cluster-large"));
            List<Diagnostic> typo = errors(editor.nextDiagnostics(MYSQL));
            assertEquals(1, typo.size(), typo.toString());
            Diagnostic unknownPlan = typo.get(0);
            assertEquals("unknown-plan", unknownPlan.getCode().getLeft());
            assertEquals(
                    lineOf(text, "upgrade cluster-small"),
                    unknownPlan.getRange().getStart().getLine());
            assertEquals(10, unknownPlan.getRange().getStart().getCharacter(), "at `cluster-smal`, 0-based");
            assertTrue(unknownPlan.getMessage().contains("cluster-small"), "did you mean: " + unknownPlan.getMessage());

            editor.change(MYSQL, text);
            assertTrue(errors(editor.nextDiagnostics(MYSQL)).isEmpty(), "fixing it clears the error");
        }
    }

    @Test
    void aSyntaxErrorIsShownAndCompletionStillKnowsTheDeclaredNames() throws Exception {
        String text = Files.readString(MYSQL, StandardCharsets.UTF_8);
        try (EditorSession editor = new EditorSession()) {
            editor.open(MYSQL, text);
            editor.nextDiagnostics(MYSQL);
            int line = lineOf(text, "upgrade cluster-small");
            String broken = text.replace("upgrade cluster-small -> cluster-large", "upgrade cluster-small -> {");
            editor.change(MYSQL, broken);
            List<Diagnostic> syntax = errors(editor.nextDiagnostics(MYSQL));
            assertEquals(line, syntax.get(0).getRange().getStart().getLine(), syntax.toString());
            assertTrue(syntax.get(0).getCode().getLeft().startsWith("syntax"), syntax.toString());

            List<String> labels = labels(editor.complete(MYSQL, line, "upgrade cluster-".length() + 2));
            assertTrue(labels.contains("cluster-small") && labels.contains("cluster-large"), labels.toString());
        }
    }

    @Test
    void completionOffersKeywordsDeclaredNamesReleaseJobsAndParametersAfterParams() throws Exception {
        String text = Files.readString(MYSQL, StandardCharsets.UTF_8);
        try (EditorSession editor = new EditorSession()) {
            editor.open(MYSQL, text);
            editor.nextDiagnostics(MYSQL);

            List<String> anything = labels(editor.complete(MYSQL, lineOf(text, "upgrade cluster-small"), 2));
            assertTrue(anything.containsAll(OfferingParser.keywords()), "every keyword: " + anything);
            assertTrue(
                    anything.containsAll(List.of("cluster-small", "innodb_buffer_pool_size", "pxc", "mysql")),
                    anything.toString());

            int usage = lineOf(text, "= params.innodb_buffer_pool_size");
            int afterDot = Positions.line(text, usage).indexOf("params.") + "params.".length();
            List<CompletionItem> parameters = editor.complete(MYSQL, usage, afterDot + 2);
            List<String> names = labels(parameters);
            assertEquals(List.of("innodb_buffer_pool_size"), names, "only parameters starting with `in`");
            assertTrue(
                    parameters.get(0).getDetail().startsWith("innodb_buffer_pool_size : bytes = 1GB"),
                    parameters.get(0).getDetail());
        }
    }

    @Test
    void definitionFollowsIncludesAndParameterReferencesIntoFragments() throws Exception {
        Path offering = folder.resolve("small.offering");
        Path fragment = folder.resolve("fragments/shared.fragment");
        Files.createDirectories(fragment.getParent());
        String fragmentText = """
                fragment shared {
                  cluster parameters {
                    max_connections : integer = 500 range 10..5000 "Most client connections"
                  }
                }
                """;
        String offeringText = """
                offering small version 1.0.0 {
                  include "fragments/shared.fragment"
                  cluster plan tiny { }
                  deployment {
                    instance_group db {
                      job mysql from pxc { property engine_config.max_connections = params.max_connections }
                    }
                  }
                }
                """;
        Files.writeString(fragment, fragmentText);
        Files.writeString(offering, offeringText);
        try (EditorSession editor = new EditorSession()) {
            editor.open(offering, offeringText);
            editor.nextDiagnostics(offering);

            List<? extends Location> include = editor.definition(offering, 1, 14);
            assertEquals(
                    List.of(EditorSession.uri(fragment)),
                    include.stream().map(Location::getUri).toList());

            int column = Positions.line(offeringText, 5).indexOf("params.max") + "params.max".length();
            List<? extends Location> parameter = editor.definition(offering, 5, column);
            assertEquals(1, parameter.size(), parameter.toString());
            assertEquals(EditorSession.uri(fragment), parameter.get(0).getUri());
            assertEquals(2, parameter.get(0).getRange().getStart().getLine());
            assertEquals(4, parameter.get(0).getRange().getStart().getCharacter());

            Hover hover = editor.hover(offering, 5, column);
            String shown = hover.getContents().getRight().getValue();
            assertTrue(shown.contains("max_connections : integer = 500 range 10..5000"), shown);
            assertTrue(shown.contains("Most client connections"), shown);
        }
    }

    @Test
    void anIncludeThatIsNoFilePathHasNoDefinitionAndIsShownAsAnError() throws Exception {
        Path offering = folder.resolve("nul.offering");
        String offeringText = "offering nul version 1.0.0 {\n  include \"fragments/x\0y.fragment\"\n}\n";
        Files.writeString(offering, offeringText);
        try (EditorSession editor = new EditorSession()) {
            editor.open(offering, offeringText);
            List<Diagnostic> diagnostics = editor.nextDiagnostics(offering);
            assertTrue(
                    diagnostics.stream().anyMatch(d -> d.getMessage().contains("is not a file path")),
                    diagnostics.toString());
            assertEquals(List.of(), editor.definition(offering, 1, 14));
        }
    }

    @Test
    void anOpenFragmentIsCheckedThroughTheOfferingNextToItAndItsSyntaxErrorsAreShown() throws Exception {
        Path offering = folder.resolve("small.offering");
        Path fragment = folder.resolve("fragments/shared.fragment");
        Files.createDirectories(fragment.getParent());
        String fragmentText = "fragment shared {\n  cluster plan tiny { }\n}\n";
        Files.writeString(fragment, fragmentText);
        Files.writeString(
                offering,
                "offering small version 1.0.0 {\n  include \"fragments/shared.fragment\"\n  upgrade tiny -> tiny\n}\n");
        try (EditorSession editor = new EditorSession()) {
            editor.open(fragment, fragmentText);
            editor.nextDiagnostics(fragment);
            List<Diagnostic> offeringErrors = errors(editor.nextDiagnostics(offering));
            assertTrue(
                    offeringErrors.stream().noneMatch(d -> d.getCode().getLeft().equals("unknown-plan")),
                    "the plan the fragment declares is known to the offering: " + offeringErrors);
            editor.drain();
            editor.change(fragment, "fragment shared {\n  cluster plan {\n}\n");
            List<Diagnostic> syntax = errors(editor.nextDiagnostics(fragment));
            assertTrue(!syntax.isEmpty(), "the fragment's syntax error is shown");
            assertEquals(1, syntax.get(0).getRange().getStart().getLine());
        }
    }

    private static List<Diagnostic> errors(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .filter(d -> d.getSeverity() == DiagnosticSeverity.Error)
                .toList();
    }

    private static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    private static int lineOf(String text, String needle) throws IOException {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i;
            }
        }
        throw new IOException("no line contains " + needle);
    }
}
