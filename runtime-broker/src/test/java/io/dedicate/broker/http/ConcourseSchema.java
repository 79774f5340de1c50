package io.dedicate.broker.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The independent definition of Concourse pipelines: {@code ../shared/concourse/pipeline.schema.json}. */
public final class ConcourseSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Schema SCHEMA = load();

    private ConcourseSchema() {}

    private static Schema load() {
        String root = System.getProperty("dedicate.repo.root");
        if (root == null) {
            fail("system property dedicate.repo.root is not set (the build sets it to the repository root)");
        }
        Path path = Path.of(root)
                .resolve("../shared/concourse/pipeline.schema.json")
                .normalize();
        if (!Files.isRegularFile(path)) {
            System.err.println("!!! Concourse pipeline schema ABSENT at " + path + ": pipelines cannot be validated");
            throw new AssertionError("the Concourse pipeline schema is missing: expected " + path);
        }
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema violations of a pipeline given as YAML text. */
    public static List<String> violations(String pipelineYaml) {
        try {
            JsonNode pipeline = YAML.readTree(pipelineYaml);
            return SCHEMA.validate(pipeline).stream()
                    .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                    .toList();
        } catch (IOException e) {
            return List.of("not YAML: " + e.getMessage());
        }
    }

    public static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
