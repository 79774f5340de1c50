package io.dedicate.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.docs.OfferingDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation {@code dedicate docs} writes, for every golden case with a {@code docs/} folder:
 * the approved {@code NAME.md} and {@code NAME.html}, byte for byte. They change only with {@code
 * -Dgolden.approve=true}, like the bundles of {@link GoldenTest}; a different file leaves the received
 * one beside it as {@code NAME.received}.
 */
class DocsGoldenTest {

    private static final boolean APPROVE = Boolean.getBoolean("golden.approve");

    static Stream<String> cases() throws IOException {
        return GoldenCases.names()
                .filter(name ->
                        Files.isDirectory(GoldenCases.GOLDEN.resolve(name).resolve("docs")))
                .toList()
                .stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void docs(String name) throws IOException {
        Path folder = GoldenCases.GOLDEN.resolve(name);
        Bundle bundle = new OfferingCompiler().compile(GoldenCases.inputs(folder));
        assertFalse(bundle.result().hasErrors(), name + " compiles");
        SortedMap<String, String> received = OfferingDocs.render(bundle.result().offerings());
        Path docs = folder.resolve("docs");
        if (APPROVE) {
            try (Stream<Path> old = Files.list(docs)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            for (Map.Entry<String, String> file : received.entrySet()) {
                Files.writeString(docs.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            return;
        }
        TreeSet<String> approved = new TreeSet<>();
        try (Stream<Path> files = Files.list(docs)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> !f.endsWith(".received") && !f.startsWith("."))
                    .forEach(approved::add);
        }
        assertEquals(
                approved, received.keySet(), name + ": the documentation files (approve with -Dgolden.approve=true)");
        for (Map.Entry<String, String> file : received.entrySet()) {
            Path expected = docs.resolve(file.getKey());
            Path receivedFile = docs.resolve(file.getKey() + ".received");
            String want = Files.readString(expected, StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (!want.equals(file.getValue())) {
                Files.writeString(receivedFile, file.getValue(), StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(receivedFile);
            }
            assertEquals(
                    want,
                    file.getValue(),
                    name + "/docs/" + file.getKey()
                            + " differs (received written beside it; approve with -Dgolden.approve=true)");
        }
        assertTrue(received.size() >= 2, "a Markdown file and an HTML page per offering");
    }
}
