package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The independent definition of Concourse pipelines: {@code ../shared/concourse/pipeline.schema.json}. */
final class ConcourseSchema {

    private static final Schema SCHEMA = load();

    private ConcourseSchema() {}

    static Path location() {
        String root = System.getProperty("dedicate.repo.root");
        if (root == null) {
            fail("system property dedicate.repo.root is not set (the build sets it to the repository root);"
                    + " the Concourse schema is expected at <repo root>/../shared/concourse/pipeline.schema.json");
        }
        return Path.of(root).resolve("../shared/concourse/pipeline.schema.json").normalize();
    }

    private static Schema load() {
        Path path = location();
        if (!Files.isRegularFile(path)) {
            throw new AssertionError(
                    "the Concourse pipeline schema is missing: expected " + path
                            + " (../shared/concourse/pipeline.schema.json next to the repository); pipelines cannot be validated");
        }
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(Files.readString(path));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    static List<String> errors(JsonNode pipeline) {
        return SCHEMA.validate(pipeline).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    static void assertValid(String name, JsonNode pipeline) {
        List<String> errors = errors(pipeline);
        assertTrue(
                errors.isEmpty(),
                name + " violates the Concourse schema:\n" + errors.stream().collect(Collectors.joining("\n")));
    }
}
