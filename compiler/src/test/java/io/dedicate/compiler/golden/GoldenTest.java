package io.dedicate.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.dsl.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles every case of {@code golden/} and compares the outcome with the approved one.
 *
 * <p>A case is a folder holding its input, either {@code input/} (offering files and fragments,
 * compiled as one directory) or a file {@code inputs} (paths relative to the repository root, one a
 * line, e.g. {@code offerings}), and exactly one expected form:
 *
 * <ul>
 *   <li>{@code expected.err} when the compilation reports anything (errors or warnings): every
 *       diagnostic's one-line form, sorted by location, with paths relative to the case folder;
 *   <li>{@code expected/} when it reports nothing: every bundle file, JSON compared structurally,
 *       other files textually, and no file missing or extra.
 * </ul>
 *
 * <p>Expected files change only with {@code -Dgolden.approve=true}, which rewrites them from what
 * the compiler produces. Without it a missing or different expected file fails the test, and what
 * was received is written beside it ({@code expected.err.received}, {@code expected.received/},
 * ignored by git) to inspect or copy.
 */
class GoldenTest {

    private static final Path REPO = GoldenCases.REPO;
    private static final Path GOLDEN = GoldenCases.GOLDEN;
    private static final boolean APPROVE = Boolean.getBoolean("golden.approve");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException {
        return GoldenCases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(String name) throws IOException {
        Path folder = GOLDEN.resolve(name);
        Bundle bundle = new OfferingCompiler().compile(GoldenCases.inputs(folder));
        Path expectedErr = folder.resolve("expected.err");
        Path expectedDir = folder.resolve("expected");
        assertFalse(
                Files.exists(expectedErr) && Files.exists(expectedDir),
                name + " has both expected.err and expected/: keep the one form its outcome has");
        CompileResult result = bundle.result();
        if (!result.diagnostics().isEmpty()) {
            compareDiagnostics(folder, result, expectedErr, expectedDir);
        } else {
            compareBundle(folder, bundle.files().files(), expectedDir, expectedErr);
        }
    }

    // ------------------------------------------------------------ scrubbing

    /** Absolute paths of the case folder and the repository removed; {@code \n} line endings. */
    private static String scrub(String text, Path folder) {
        return text.replace("\r\n", "\n")
                .replace(folder.toString().replace('\\', '/') + "/", "")
                .replace(REPO.toString().replace('\\', '/') + "/", "");
    }

    // ------------------------------------------------------------ diagnostics

    private static void compareDiagnostics(Path folder, CompileResult result, Path expected, Path expectedDir)
            throws IOException {
        String received = result.diagnostics().stream()
                .map(Diagnostic::toLine)
                .map(line -> scrub(line, folder))
                .collect(Collectors.joining("\n", "", "\n"));
        Path receivedFile = folder.resolve("expected.err.received");
        if (APPROVE) {
            deleteTree(expectedDir);
            Files.writeString(expected, received, StandardCharsets.UTF_8);
            Files.deleteIfExists(receivedFile);
            return;
        }
        if (!Files.exists(expected)) {
            Files.writeString(receivedFile, received, StandardCharsets.UTF_8);
            fail(folder.getFileName() + " reported diagnostics but has no expected.err; received:\n" + received
                    + "(written to " + receivedFile + "; approve with -Dgolden.approve=true)");
        }
        String approved = Files.readString(expected, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!approved.equals(received)) {
            Files.writeString(receivedFile, received, StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(receivedFile);
        }
        assertEquals(approved, received, folder.getFileName() + ": diagnostics differ from expected.err");
    }

    // ------------------------------------------------------------ bundles

    private static void compareBundle(Path folder, SortedMap<String, byte[]> files, Path expected, Path expectedErr)
            throws IOException {
        Map<String, String> received = new TreeMap<>();
        files.forEach((path, bytes) -> received.put(path, scrub(new String(bytes, StandardCharsets.UTF_8), folder)));
        Path receivedDir = folder.resolve("expected.received");
        if (APPROVE) {
            Files.deleteIfExists(expectedErr);
            write(expected, received);
            deleteTree(receivedDir);
            return;
        }
        if (!Files.isDirectory(expected)) {
            write(receivedDir, received);
            fail(folder.getFileName() + " compiled without diagnostics but has no expected/ folder; the bundle ("
                    + received.keySet() + ") was written to " + receivedDir
                    + "; approve with -Dgolden.approve=true");
        }
        Map<String, String> approved = read(expected);
        List<String> problems = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(approved.keySet());
        paths.addAll(received.keySet());
        for (String path : paths) {
            String want = approved.get(path);
            String got = received.get(path);
            if (want == null) {
                problems.add(path + ": not expected (new file)");
            } else if (got == null) {
                problems.add(path + ": missing");
            } else if (path.endsWith(".json")) {
                JsonDiff.differences(JSON.readTree(want), JSON.readTree(got)).forEach(d -> problems.add(path + d));
            } else if (!want.equals(got)) {
                problems.add(path + ": " + firstDifference(want, got));
            }
        }
        if (problems.isEmpty()) {
            deleteTree(receivedDir);
        } else {
            write(receivedDir, received);
            fail(folder.getFileName() + ": the bundle differs from expected/ (received bundle in " + receivedDir
                    + ")\n  " + String.join("\n  ", problems));
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            String w = i < want.length ? want[i] : "<end of file>";
            String g = i < got.length ? got[i] : "<end of file>";
            if (!w.equals(g)) {
                return "line " + (i + 1) + ": expected <" + w + "> but was <" + g + ">";
            }
        }
        return "differs";
    }

    /** Every file below {@code folder} by relative path, dot files (such as .gitkeep) excepted. */
    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().startsWith(".")) {
                    String relative = folder.relativize(file).toString().replace('\\', '/');
                    files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    /** Replaces {@code folder} with exactly these files (a .gitkeep when there are none). */
    private static void write(Path folder, Map<String, String> files) throws IOException {
        deleteTree(folder);
        Files.createDirectories(folder);
        if (files.isEmpty()) {
            Files.writeString(folder.resolve(".gitkeep"), "", StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
