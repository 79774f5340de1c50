package io.dedicate.bundle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every approved {@code model.json} under {@code golden/} reads, and writes back to the same bytes. */
class ModelRoundTripTest {

    static List<Path> goldenModels() {
        String root = System.getProperty("dedicate.repo.root");
        Path golden = (root != null ? Path.of(root) : Path.of("..")).resolve("golden");
        try (Stream<Path> files = Files.walk(golden)) {
            List<Path> models = files.filter(
                            path -> path.getFileName().toString().equals("model.json"))
                    .sorted()
                    .toList();
            assertFalse(models.isEmpty(), "no model.json under " + golden.toAbsolutePath());
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("goldenModels")
    void writesBackTheSameBytes(Path golden) throws IOException {
        byte[] bytes = Files.readAllBytes(golden);
        BundleModel model = ModelReader.read(golden.toString(), bytes);
        assertEquals(
                new String(bytes, StandardCharsets.UTF_8),
                new String(ModelWriter.write(model), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("goldenModels")
    void readsBackWhatItWrote(Path golden) throws IOException {
        BundleModel model = ModelReader.read(golden.toString(), Files.readAllBytes(golden));
        assertEquals(model, ModelReader.read("written", ModelWriter.write(model)));
    }
}
