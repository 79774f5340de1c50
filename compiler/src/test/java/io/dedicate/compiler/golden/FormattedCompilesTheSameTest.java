package io.dedicate.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.FormatResult;
import io.dedicate.dsl.OfferingFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dedicate fmt} changes layout only: the offerings of the repository and every golden input,
 * formatted, compile to the same bundle or to the same diagnostics (severity, code and message).
 * Positions move with the layout: the source positions the templates carry in comments ({@code
 * # instance_group node (broken.offering:29:5)}) and therefore the bundle digest are the only
 * differences allowed. Files with syntax errors are left as they are.
 */
class FormattedCompilesTheSameTest {

    @TempDir
    Path temp;

    static Stream<String> cases() throws IOException {
        return GoldenCases.names()
                .filter(name ->
                        Files.isDirectory(GoldenCases.GOLDEN.resolve(name).resolve("input")));
    }

    @Test
    void theRepositorysOfferingsCompileToTheSameBundle() throws IOException {
        Path original = GoldenCases.REPO.resolve("offerings");
        Path formatted = formattedCopy(original, temp.resolve("offerings"));
        Bundle before = new OfferingCompiler().compile(List.of(original));
        Bundle after = new OfferingCompiler().compile(List.of(formatted));
        assertFalse(before.result().hasErrors(), before.result().diagnostics().toString());
        assertEquals(summary(before, original), summary(after, formatted));
        assertEquals(files(before), files(after));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyGoldenInputCompilesTheSameAfterFmt(String name) throws IOException {
        Path original = GoldenCases.GOLDEN.resolve(name).resolve("input");
        Path formatted = formattedCopy(original, temp.resolve(name).resolve("input"));
        Bundle before = new OfferingCompiler().compile(List.of(original));
        Bundle after = new OfferingCompiler().compile(List.of(formatted));
        assertEquals(summary(before, original), summary(after, formatted), name);
        if (!before.result().hasErrors()) {
            assertEquals(files(before), files(after), name);
        }
    }

    /** Copies {@code source} to {@code target}, formatting every offering file that parses. */
    private static Path formattedCopy(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path file : walk.sorted().toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String name = file.toString();
                if (name.endsWith(".offering") || name.endsWith(".fragment")) {
                    FormatResult result = OfferingFormatter.format(name, text);
                    String formatted = result.text();
                    Files.writeString(copy, formatted == null ? text : formatted, StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** Each diagnostic as severity, code and message, the folder's path taken out. */
    private static List<String> summary(Bundle bundle, Path folder) {
        return bundle.result().diagnostics().stream()
                .map((Diagnostic d) ->
                        d.severity() + " " + d.code() + " " + d.message().replace(folder.toString(), "<input>"))
                .sorted()
                .toList();
    }

    /**
     * The bundle's files with source positions and the digest masked; {@code sources.json} is left out, since
     * where each declaration stands is exactly what formatting may move.
     */
    private static Map<String, String> files(Bundle bundle) {
        Map<String, String> files = new TreeMap<>();
        bundle.files().files().entrySet().stream()
                .filter(file -> !file.getKey().equals(BundleLayout.SOURCES))
                .forEach(file -> files.put(
                        file.getKey(),
                        new String(file.getValue(), StandardCharsets.UTF_8)
                                .replaceAll("(\\.(?:offering|fragment)):\\d+:\\d+", "$1:LINE:COLUMN")
                                .replaceAll("\"digest\": \"sha256:[0-9a-f]+\"", "\"digest\": DIGEST")));
        return files;
    }
}
