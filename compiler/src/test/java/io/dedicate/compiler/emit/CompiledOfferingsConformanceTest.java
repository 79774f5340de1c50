package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.dedicate.bundle.BundleDigest;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.cloud.servicebroker.model.catalog.Catalog;
import org.springframework.cloud.servicebroker.model.catalog.Plan;
import org.springframework.cloud.servicebroker.model.catalog.ServiceDefinition;

/**
 * The catalog, schemas and model of the REAL offerings ({@code offerings/} at the repository root,
 * compiled by the whole compiler) checked against their independent definitions; and, for every
 * golden case that compiles, its catalog and schemas checked the same way.
 */
class CompiledOfferingsConformanceTest {

    private static Path repo() {
        String root = System.getProperty("dedicate.repo.root");
        if (root == null) {
            fail("system property dedicate.repo.root is not set (surefire sets it to the repository root)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    private static Path offerings() {
        return repo().resolve("offerings");
    }

    /** The golden cases whose expected outcome is a bundle. */
    static Stream<String> compilingGoldenCases() throws IOException {
        try (Stream<Path> folders = Files.list(repo().resolve("golden"))) {
            List<String> cases = folders.filter(folder -> Files.isDirectory(folder.resolve("expected")))
                    .map(folder -> folder.getFileName().toString())
                    .sorted()
                    .toList();
            assertFalse(cases.isEmpty(), "no golden case with an expected bundle");
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compilingGoldenCases")
    void everyCompilingGoldenCaseConforms(String name) throws IOException {
        Path folder = repo().resolve("golden").resolve(name);
        List<Path> inputs = Files.isDirectory(folder.resolve("input"))
                ? List.of(folder.resolve("input"))
                : Files.readAllLines(folder.resolve("inputs"), StandardCharsets.UTF_8).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .map(repo()::resolve)
                        .toList();
        Bundle bundle = new OfferingCompiler().compile(inputs);
        assertFalse(
                bundle.result().hasErrors(), () -> name + ": " + bundle.result().diagnostics());
        MemoryManifest files = bundle.files();
        JsonNode catalog = OsbDefinitions.parse(files.text(BundleLayout.CATALOG));
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.openApiCatalog(), catalog));
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.strictSwaggerCatalog(), catalog));
        OsbDefinitions.JSON.readValue(files.text(BundleLayout.CATALOG), Catalog.class);
        Schema metaSchema = OsbDefinitions.draft04MetaSchema();
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            if (file.getKey().startsWith("schemas/")) {
                assertEquals(
                        List.of(),
                        OsbDefinitions.errors(metaSchema, OsbDefinitions.parse(file.getValue())),
                        file.getKey());
            }
        }
        SchemaEmitterTest.defaultsMatchTheirSchema(files.files());
        JsonNode model = OsbDefinitions.parse(files.text(BundleLayout.MODEL));
        assertEquals(BundleDigest.of(files.files()), model.get("digest").asText());
    }

    private static Bundle compile() {
        Bundle bundle = new OfferingCompiler().compile(List.of(offerings()));
        CompileResult result = bundle.result();
        assertFalse(result.hasErrors(), () -> "offerings/ does not compile: " + result.diagnostics());
        assertFalse(result.offerings().isEmpty(), "no offering compiled from " + offerings());
        return bundle;
    }

    @Test
    void catalogConformsToOsb() throws Exception {
        MemoryManifest files = compile().files();
        JsonNode catalog = OsbDefinitions.parse(files.text(BundleLayout.CATALOG));
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.openApiCatalog(), catalog));
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.swaggerCatalog(), catalog));
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.strictSwaggerCatalog(), catalog));
        CatalogEmitterTest.assertNoNulls(catalog, "$");

        Catalog spring = OsbDefinitions.JSON.readValue(files.text(BundleLayout.CATALOG), Catalog.class);
        ServiceDefinition mysql = spring.getServiceDefinitions().stream()
                .filter(s -> s.getName().equals("mysql-on-demand"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mysql-on-demand service in the catalog"));
        assertTrue(mysql.isBindable());
        assertTrue(mysql.isInstancesRetrievable());
        assertEquals(true, mysql.getMetadata().get("shareable"));
        List<String> plans = mysql.getPlans().stream().map(Plan::getName).toList();
        assertEquals(List.of("cluster-small", "cluster-large", "100mb", "1gb", "15gb"), plans);
        for (Plan plan : mysql.getPlans()) {
            boolean cluster = plan.getName().startsWith("cluster-");
            assertEquals(!cluster, plan.isBindable(), plan.getName());
            assertEquals(cluster, plan.getMaintenanceInfo() != null, plan.getName());
            assertTrue(plan.getId().matches("[0-9a-f-]{36}"), plan.getId());
            assertTrue(plan.getSchemas().getServiceInstanceSchema().getCreateMethodSchema() != null);
            assertEquals(cluster, plan.getSchemas().getServiceInstanceSchema().getUpdateMethodSchema() != null);
            assertEquals(!cluster, plan.getSchemas().getServiceBindingSchema() != null);
        }
        assertEquals(7200, mysql.getPlans().get(0).getMaximumPollingDuration());
    }

    @Test
    void everySchemaIsDraft04AndBehaves() {
        MemoryManifest files = compile().files();
        Schema metaSchema = OsbDefinitions.draft04MetaSchema();
        int schemas = 0;
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            if (file.getKey().startsWith("schemas/")) {
                assertEquals(
                        List.of(),
                        OsbDefinitions.errors(metaSchema, OsbDefinitions.parse(file.getValue())),
                        file.getKey());
                schemas++;
            }
        }
        assertEquals(2 * 5, schemas, "two schemas for each of the five MySQL plans");
        assertTrue(SchemaEmitterTest.defaultsMatchTheirSchema(files.files()) > 10);

        Schema create = schema(files, BundleLayout.instanceCreateSchema("mysql-on-demand", "cluster-small"));
        accepts(create, "{\"innodb_buffer_pool_size\": \"2GB\"}");
        rejects(create, "{\"innodb_buffer_pool_size\": \"2 parsecs\"}");
        rejects(create, "{\"max_connections\": true}");
        rejects(create, "{\"max_connectoins\": 200}");
        accepts(create, "{\"major_version\": \"5.7\", \"slow_query_threshold\": \"5m\"}");

        Schema update = schema(files, BundleLayout.instanceUpdateSchema("mysql-on-demand", "cluster-small"));
        rejects(update, "{\"major_version\": \"5.7\"}");
        rejects(update, "{\"character_set\": \"latin1\"}");
        accepts(update, "{\"rolling_restart\": true, \"innodb_buffer_pool_size\": 4294967296}");

        Schema child = schema(files, BundleLayout.instanceCreateSchema("mysql-on-demand", "100mb"));
        rejects(child, "{}");
        accepts(child, "{\"cluster\": \"my-cluster\"}");
        accepts(child, "{\"cluster\": \"c\", \"cluster-org\": \"o\", \"cluster-space\": \"s\"}");

        String binding = files.text(BundleLayout.bindingCreateSchema("mysql-on-demand", "1gb"));
        assertFalse(OsbDefinitions.parse(binding).at("/properties/password").has("default"));
    }

    @Test
    void modelDescribesTheBundle() {
        MemoryManifest files = compile().files();
        JsonNode model = OsbDefinitions.parse(files.text(BundleLayout.MODEL));
        assertEquals(1, model.get("format").asInt());
        assertEquals(BundleDigest.of(files.files()), model.get("digest").asText());
        JsonNode mysql = model.get("offerings").get(0);
        assertEquals("mysql-on-demand", mysql.get("name").asText());
        for (JsonNode plan : mysql.get("plans")) {
            for (JsonNode path : plan.get("schemas")) {
                assertTrue(files.files().containsKey(path.asText()), path.asText());
            }
        }
        assertEquals(OsbDefinitions.parse("{\"scope\": \"orgs\", \"requires_grant\": true}"), mysql.get("sharing"));
        assertEquals(
                OsbDefinitions.parse("{\"clusters_per_org\": 5, \"children_per_cluster\": 50}"), mysql.get("limits"));
        assertEquals(
                OsbDefinitions.parse("{\"name\": \"mysql\", \"settings\": {\"quota\": 104857600}}"),
                mysql.get("plans").get(2).get("driver"));
    }

    @Test
    void compilingTwiceGivesTheSameBytes() {
        Map<String, byte[]> first = compile().files().files();
        Map<String, byte[]> second = compile().files().files();
        assertEquals(first.keySet(), second.keySet());
        for (Map.Entry<String, byte[]> file : first.entrySet()) {
            assertArrayEquals(file.getValue(), second.get(file.getKey()), file.getKey());
        }
    }

    private static Schema schema(MemoryManifest files, String path) {
        return OsbDefinitions.draft04(OsbDefinitions.parse(files.text(path)));
    }

    private static void accepts(Schema schema, String parameters) {
        assertEquals(List.of(), OsbDefinitions.errors(schema, OsbDefinitions.parse(parameters)), parameters);
    }

    private static void rejects(Schema schema, String parameters) {
        assertFalse(
                OsbDefinitions.errors(schema, OsbDefinitions.parse(parameters)).isEmpty(), parameters);
    }
}
