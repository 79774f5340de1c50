package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The independent definitions generated files are checked against: the OSB 2.17 OpenAPI 3.0 and
 * Swagger 2.0 descriptions in {@code ../shared/osb/} (relative to the repository root), and the
 * draft-04 meta-schema shipped by networknt. A missing {@code osb} folder fails the test loudly: a
 * conformance check that silently skips is worse than none.
 */
final class OsbDefinitions {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SchemaRegistry DRAFT_04 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private OsbDefinitions() {}

    /** {@code <repo>/../shared/osb/}, or a failed test saying where the definitions are expected. */
    static Path osbFolder() {
        String root = System.getProperty("dedicate.repo.root");
        if (root == null) {
            fail("system property dedicate.repo.root is not set (surefire sets it to the repository root);"
                    + " it locates the OSB conformance definitions in <repo>/../shared/osb/");
        }
        Path osb = Path.of(root).resolve("../shared/osb").normalize();
        if (!Files.isRegularFile(osb.resolve("openapi.yaml")) || !Files.isRegularFile(osb.resolve("swagger.yaml"))) {
            fail("OSB CONFORMANCE DEFINITIONS ARE MISSING: expected openapi.yaml and swagger.yaml (OSB v2.17, see"
                    + " SOURCE.md) in " + osb + ". The catalog cannot be checked without them; restore the"
                    + " shared/osb folder next to the repository.");
        }
        return osb;
    }

    /** {@code #/components/schemas/Catalog} of {@code openapi.yaml}, with its in-document {@code $ref}s. */
    static Schema openApiCatalog() {
        JsonNode document = readYaml(osbFolder().resolve("openapi.yaml"));
        ObjectNode root = JSON.createObjectNode();
        root.put("$ref", "#/components/schemas/Catalog");
        root.set("components", document.get("components"));
        return DRAFT_04.getSchema(SchemaLocation.of("https://osb.example/openapi.yaml"), root);
    }

    /** {@code #/definitions/Catalog} of {@code swagger.yaml}, which also knows the retrievable flags. */
    static Schema swaggerCatalog() {
        return DRAFT_04.getSchema(SchemaLocation.of("https://osb.example/swagger.yaml"), swaggerRoot());
    }

    /**
     * {@code swagger.yaml}'s Catalog made strict: every object that lists its properties accepts no
     * other. OSB lets brokers add fields, so this is our own bar: it catches a misspelled field name
     * ({@code plan_updatable}) that the open schemas accept silently.
     */
    static Schema strictSwaggerCatalog() {
        ObjectNode root = swaggerRoot();
        closeObjects(root.get("definitions"));
        return DRAFT_04.getSchema(SchemaLocation.of("https://osb.example/swagger-strict.yaml"), root);
    }

    /** The draft-04 meta-schema. */
    static Schema draft04MetaSchema() {
        return DRAFT_04.getSchema(SchemaLocation.of("http://json-schema.org/draft-04/schema#"));
    }

    /** A schema the tests validate sample parameters with. */
    static Schema draft04(JsonNode schema) {
        return DRAFT_04.getSchema(schema);
    }

    /** The validation messages, empty when {@code instance} is valid. */
    static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static ObjectNode swaggerRoot() {
        JsonNode document = readYaml(osbFolder().resolve("swagger.yaml"));
        ObjectNode root = JSON.createObjectNode();
        root.put("$ref", "#/definitions/Catalog");
        root.set("definitions", document.get("definitions").deepCopy());
        return root;
    }

    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("properties") instanceof ObjectNode properties && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
                properties.properties().forEach(property -> closeObjects(property.getValue()));
                return;
            }
            object.elements().forEachRemaining(OsbDefinitions::closeObjects);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(OsbDefinitions::closeObjects);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
