package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.ParameterSet;
import io.dedicate.compiler.model.ParameterType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaEmitterTest {

    private static final String SERVICE = "mysql-on-demand";

    private static MemoryManifest emit() {
        MemoryManifest manifest = new MemoryManifest();
        new SchemaEmitter()
                .emit(List.of(HandBuiltOfferings.mysqlWithEveryKind(), HandBuiltOfferings.minimal()), manifest);
        return manifest;
    }

    private static JsonNode file(String path) {
        return OsbDefinitions.parse(emit().text(path));
    }

    private static Schema schema(String path) {
        return OsbDefinitions.draft04(file(path));
    }

    private static Schema clusterCreate() {
        return schema(BundleLayout.instanceCreateSchema(SERVICE, "cluster-small"));
    }

    private static Schema clusterUpdate() {
        return schema(BundleLayout.instanceUpdateSchema(SERVICE, "cluster-small"));
    }

    private static Schema childCreate() {
        return schema(BundleLayout.instanceCreateSchema(SERVICE, "database"));
    }

    private static Schema bindingCreate() {
        return schema(BundleLayout.bindingCreateSchema(SERVICE, "100mb"));
    }

    private static void accepts(Schema schema, String parameters) {
        assertEquals(List.of(), OsbDefinitions.errors(schema, OsbDefinitions.parse(parameters)), parameters);
    }

    private static void rejects(Schema schema, String parameters) {
        assertFalse(
                OsbDefinitions.errors(schema, OsbDefinitions.parse(parameters)).isEmpty(),
                "should be rejected: " + parameters);
    }

    @Test
    void everyPlanGetsItsSchemasAtTheBundlePaths() {
        assertEquals(
                List.of(
                        "schemas/mysql-on-demand/100mb/service_binding.create.json",
                        "schemas/mysql-on-demand/100mb/service_instance.create.json",
                        "schemas/mysql-on-demand/cluster-large/service_instance.create.json",
                        "schemas/mysql-on-demand/cluster-large/service_instance.update.json",
                        "schemas/mysql-on-demand/cluster-small/service_instance.create.json",
                        "schemas/mysql-on-demand/cluster-small/service_instance.update.json",
                        "schemas/mysql-on-demand/database/service_binding.create.json",
                        "schemas/mysql-on-demand/database/service_instance.create.json",
                        "schemas/tiny/only/service_instance.create.json",
                        "schemas/tiny/only/service_instance.update.json"),
                List.copyOf(emit().files().keySet()));
    }

    @Test
    void everySchemaIsAValidDraft04Schema() {
        Schema metaSchema = OsbDefinitions.draft04MetaSchema();
        for (Map.Entry<String, byte[]> file : emit().files().entrySet()) {
            JsonNode schema = OsbDefinitions.parse(file.getValue());
            assertEquals(List.of(), OsbDefinitions.errors(metaSchema, schema), file.getKey());
            assertEquals(ParameterSchema.DRAFT_04, schema.get("$schema").asText());
            assertEquals("object", schema.get("type").asText());
            assertFalse(schema.get("additionalProperties").asBoolean(true), file.getKey());
        }
    }

    @Test
    void theMetaSchemaRejectsABrokenSchema() {
        JsonNode broken = OsbDefinitions.parse("{\"type\": \"object\", \"required\": [], \"minLength\": -1}");
        assertEquals(
                2,
                OsbDefinitions.errors(OsbDefinitions.draft04MetaSchema(), broken)
                        .size());
    }

    @Test
    void everyDefaultIsValidForItsOwnProperty() {
        assertEquals(20, defaultsMatchTheirSchema(emit().files()));
    }

    /**
     * Validates each property's {@code default} against that property's own schema; returns how many
     * defaults were checked.
     */
    static int defaultsMatchTheirSchema(Map<String, byte[]> files) {
        int checked = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().startsWith("schemas/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> property :
                    OsbDefinitions.parse(file.getValue()).get("properties").properties()) {
                JsonNode defaultValue = property.getValue().get("default");
                if (defaultValue != null) {
                    Schema schema = OsbDefinitions.draft04(property.getValue());
                    assertEquals(
                            List.of(),
                            OsbDefinitions.errors(schema, defaultValue),
                            file.getKey() + " " + property.getKey());
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void propertiesAreInDeclarationOrder() {
        JsonNode create = file(BundleLayout.instanceCreateSchema(SERVICE, "cluster-small"));
        assertEquals(
                List.of(
                        "innodb_buffer_pool_size",
                        "max_connections",
                        "slow_query_threshold",
                        "audit_log",
                        "major_version",
                        "character_set",
                        "read_replicas",
                        "cpu_ratio"),
                CatalogEmitterTest.fieldNames(create.get("properties")));
    }

    @Test
    void theDefaultsAreValidParameters() {
        accepts(
                clusterCreate(),
                "{\"read_replicas\": 0, \"innodb_buffer_pool_size\": \"1GB\", \"max_connections\": 1500,"
                        + " \"slow_query_threshold\": \"10s\", \"audit_log\": false, \"major_version\": \"8.0\","
                        + " \"character_set\": \"utf8mb4\", \"cpu_ratio\": 0.5}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2GB\"",
                "\"2gb\"",
                "\"2 GB\"",
                "\"2.5GB\"",
                "\"131072KB\"",
                "\"1tb\"",
                "\"134217728B\"",
                "2147483648"
            })
    void byteSizesAcceptIntegersAndUnits(String value) {
        accepts(clusterCreate(), "{\"read_replicas\": 1, \"innodb_buffer_pool_size\": " + value + "}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2 parsecs\"",
                "\"2\"",
                "\"GB\"",
                "\"-2GB\"",
                "\".5GB\"",
                "\"2.GB\"",
                "\"2GBB\"",
                "2.5",
                "true",
                "1024",
                "-1"
            })
    void byteSizesRejectEverythingElse(String value) {
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"innodb_buffer_pool_size\": " + value + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"10s\"", "\"5m\"", "\"2h\"", "\"1d\"", "\"10 S\"", "\"0.5h\"", "60", "3600"})
    void durationsAcceptSecondsAndUnits(String value) {
        accepts(clusterCreate(), "{\"read_replicas\": 1, \"slow_query_threshold\": " + value + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"10 years\"", "\"10\"", "\"1.h\"", "\"5ms\"", "0", "3601", "false"})
    void durationsRejectEverythingElse(String value) {
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"slow_query_threshold\": " + value + "}");
    }

    @Test
    void typesRangesPatternsAndEnumsAreChecked() {
        rejects(clusterCreate(), "{\"read_replicas\": true}");
        rejects(clusterCreate(), "{\"read_replicas\": \"1\"}");
        rejects(clusterCreate(), "{\"read_replicas\": 1.5}");
        rejects(clusterCreate(), "{\"read_replicas\": 6}");
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"max_connections\": 99}");
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"audit_log\": \"yes\"}");
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"major_version\": \"9.0\"}");
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"character_set\": \"UTF8!\"}");
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"character_set\": \"\"}");
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"cpu_ratio\": 1.5}");
        accepts(clusterCreate(), "{\"read_replicas\": 1, \"cpu_ratio\": 0.25}");
    }

    @Test
    void unknownParametersAreRejected() {
        rejects(clusterCreate(), "{\"read_replicas\": 1, \"innodb_bufer_pool_size\": \"2GB\"}");
        rejects(childCreate(), "{\"cluster\": \"c\", \"colation\": \"x\"}");
        rejects(schema(BundleLayout.instanceUpdateSchema("tiny", "only")), "{\"anything\": 1}");
        accepts(schema(BundleLayout.instanceUpdateSchema("tiny", "only")), "{}");
    }

    @Test
    void requiredParametersAreRequiredAtCreateOnly() {
        rejects(clusterCreate(), "{}");
        accepts(clusterUpdate(), "{}");
        assertFalse(file(BundleLayout.instanceUpdateSchema(SERVICE, "cluster-small"))
                .has("required"));
    }

    @Test
    void createOnlyParametersAreAbsentFromTheUpdateSchema() {
        JsonNode update = file(BundleLayout.instanceUpdateSchema(SERVICE, "cluster-small"));
        assertFalse(update.get("properties").has("major_version"));
        assertFalse(update.get("properties").has("character_set"));
        rejects(clusterUpdate(), "{\"major_version\": \"5.7\"}");
        accepts(clusterUpdate(), "{\"innodb_buffer_pool_size\": \"4GB\", \"rolling_restart\": true}");
        JsonNode create = file(BundleLayout.instanceCreateSchema(SERVICE, "cluster-small"));
        assertTrue(create.at("/properties/major_version/description").asText().contains("Set at creation only"));
        assertFalse(create.get("properties").has("rolling_restart"), "update-only parameters are not in create");
    }

    @Test
    void anUpdateLeavesAbsentClusterParametersAsTheyAre() {
        JsonNode update = file(BundleLayout.instanceUpdateSchema(SERVICE, "cluster-small"));
        assertFalse(update.at("/properties/innodb_buffer_pool_size").has("default"), "no default that would reset");
        assertTrue(update.at("/properties/innodb_buffer_pool_size/description")
                .asText()
                .endsWith("Left unchanged when absent."));
        assertEquals(
                false, update.at("/properties/rolling_restart/default").asBoolean(true), "update-only default kept");
    }

    @Test
    void childCreateNeedsTheCluster() {
        rejects(childCreate(), "{}");
        rejects(childCreate(), "{\"collation\": \"utf8mb4_bin\"}");
        rejects(childCreate(), "{\"cluster\": 42}");
        accepts(childCreate(), "{\"cluster\": \"my-cluster\"}");
        accepts(
                childCreate(),
                "{\"cluster\": \"c\", \"cluster-org\": \"o\", \"cluster-space\": \"s\", \"collation\": \"utf8mb4_bin\"}");
        assertEquals(
                List.of("cluster", "cluster-org", "cluster-space", "collation"),
                CatalogEmitterTest.fieldNames(file(BundleLayout.instanceCreateSchema(SERVICE, "100mb"))
                        .get("properties")));
    }

    @Test
    void secretValuesNeverAppear() {
        String binding = emit().text(BundleLayout.bindingCreateSchema(SERVICE, "100mb"));
        assertFalse(binding.contains("do-not-leak"), binding);
        JsonNode password = OsbDefinitions.parse(binding).at("/properties/password");
        assertFalse(password.has("default"));
        assertTrue(password.get("description").asText().contains("Secret"));
        rejects(bindingCreate(), "{\"password\": \"short\"}");
        accepts(bindingCreate(), "{\"password\": \"a-long-enough-password\", \"read_only\": true}");
    }

    @Test
    void descriptionsSayTheAcceptedFormsRangeAndExample() {
        JsonNode bytes = file(BundleLayout.instanceCreateSchema(SERVICE, "cluster-small"))
                .at("/properties/innodb_buffer_pool_size");
        assertEquals(
                "InnoDB buffer pool size. A byte size: an integer number of bytes, or a string: a number and a unit"
                        + " B, KB, MB, GB or TB (powers of 1024, either case), such as \"2GB\". From 128MB to 64GB."
                        + " Example: \"2GB\".",
                bytes.get("description").asText());
        assertEquals(134_217_728L, bytes.get("minimum").asLong());
        assertEquals(68_719_476_736L, bytes.get("maximum").asLong());
        assertEquals("1GB", bytes.get("default").asText());
        assertFalse(
                file(BundleLayout.instanceCreateSchema(SERVICE, "cluster-small"))
                        .at("/properties/cpu_ratio")
                        .has("description"),
                "no empty description");
    }

    @Test
    void quantitiesAreWrittenInTheLargestExactUnit() {
        assertEquals("128MB", ParameterSchema.bytes(BigDecimal.valueOf(128L << 20)));
        assertEquals("1536KB", ParameterSchema.bytes(BigDecimal.valueOf(1536L << 10)));
        assertEquals("1000B", ParameterSchema.bytes(BigDecimal.valueOf(1000)));
        assertEquals("0B", ParameterSchema.bytes(BigDecimal.ZERO));
        assertEquals("2TB", ParameterSchema.bytes(BigDecimal.valueOf(2L << 40)));
        assertEquals("1h", ParameterSchema.seconds(BigDecimal.valueOf(3600)));
        assertEquals("90m", ParameterSchema.seconds(BigDecimal.valueOf(5400)));
        assertEquals("2d", ParameterSchema.seconds(BigDecimal.valueOf(172_800)));
        assertEquals("61s", ParameterSchema.seconds(BigDecimal.valueOf(61)));
    }

    @Test
    void enumsOfMixedTypesHaveNoType() {
        Offering offering = withClusterParameters(HandBuiltOfferings.parameter("level", ParameterType.ENUM)
                .enumValues("low", 3L, true)
                .build());
        MemoryManifest manifest = new MemoryManifest();
        new SchemaEmitter().emit(List.of(offering), manifest);
        JsonNode level = OsbDefinitions.parse(manifest.text(BundleLayout.instanceCreateSchema("tiny", "only")))
                .at("/properties/level");
        assertFalse(level.has("type"));
        assertEquals(OsbDefinitions.parse("[\"low\", 3, true]"), level.get("enum"));
        Schema schema = OsbDefinitions.draft04(
                OsbDefinitions.parse(manifest.text(BundleLayout.instanceCreateSchema("tiny", "only"))));
        accepts(schema, "{\"level\": 3}");
        rejects(schema, "{\"level\": \"3\"}");
    }

    private static Offering withClusterParameters(io.dedicate.compiler.model.Parameter... parameters) {
        return HandBuiltOfferings.minimal()
                .withParameters(new ParameterSet(List.of(parameters), List.of(parameters), List.of(), List.of()));
    }
}
