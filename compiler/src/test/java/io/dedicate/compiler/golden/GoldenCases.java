package io.dedicate.compiler.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The cases of {@code golden/}: their folders and the inputs each one compiles. */
final class GoldenCases {

    static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path GOLDEN = REPO.resolve("golden");

    private GoldenCases() {}

    /** The case names (folder names), sorted. */
    static Stream<String> names() throws IOException {
        try (Stream<Path> folders = Files.list(GOLDEN)) {
            List<String> names = folders.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no golden case in " + GOLDEN);
            }
            return names.stream();
        }
    }

    /** A case's inputs: its {@code input/} folder, or the paths listed in its {@code inputs} file. */
    static List<Path> inputs(Path folder) throws IOException {
        Path input = folder.resolve("input");
        Path list = folder.resolve("inputs");
        if (Files.isDirectory(input)) {
            return List.of(input);
        }
        if (Files.isRegularFile(list)) {
            return Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(REPO::resolve)
                    .toList();
        }
        throw new IllegalStateException(folder + " has neither input/ nor an inputs file");
    }
}
