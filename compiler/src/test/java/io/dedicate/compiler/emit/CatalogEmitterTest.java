package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.servicebroker.model.catalog.Catalog;
import org.springframework.cloud.servicebroker.model.catalog.Plan;
import org.springframework.cloud.servicebroker.model.catalog.ServiceDefinition;

class CatalogEmitterTest {

    private static final List<Offering> OFFERINGS =
            List.of(HandBuiltOfferings.mysqlWithEveryKind(), HandBuiltOfferings.minimal());

    static MemoryManifest emit(List<Offering> offerings) {
        MemoryManifest manifest = new MemoryManifest();
        new CatalogEmitter().emit(offerings, manifest);
        new SchemaEmitter().emit(offerings, manifest);
        return manifest;
    }

    private static JsonNode catalog() {
        return OsbDefinitions.parse(emit(OFFERINGS).text(BundleLayout.CATALOG));
    }

    @Test
    void catalogConformsToTheOpenApiDescription() {
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.openApiCatalog(), catalog()));
    }

    @Test
    void catalogConformsToTheSwaggerDescriptionAndUsesNoFieldOutsideIt() {
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.swaggerCatalog(), catalog()));
        assertEquals(List.of(), OsbDefinitions.errors(OsbDefinitions.strictSwaggerCatalog(), catalog()));
    }

    @Test
    void conformanceChecksRejectABrokenCatalog() {
        ObjectNode broken = (ObjectNode) catalog().deepCopy();
        ObjectNode plan =
                (ObjectNode) broken.get("services").get(0).get("plans").get(0);
        plan.put("free", "yes");
        ((ObjectNode) broken.get("services").get(0)).remove("bindable");
        assertEquals(
                2,
                OsbDefinitions.errors(OsbDefinitions.openApiCatalog(), broken).size());
        assertEquals(
                2,
                OsbDefinitions.errors(OsbDefinitions.swaggerCatalog(), broken).size());

        ObjectNode misspelled = (ObjectNode) catalog().deepCopy();
        ((ObjectNode) misspelled.get("services").get(0).get("plans").get(0)).put("plan_updatable", true);
        assertEquals(
                1,
                OsbDefinitions.errors(OsbDefinitions.strictSwaggerCatalog(), misspelled)
                        .size());
    }

    @Test
    void springCloudOpenServiceBrokerReadsTheCatalog() throws Exception {
        Catalog catalog = OsbDefinitions.JSON.readValue(emit(OFFERINGS).text(BundleLayout.CATALOG), Catalog.class);
        assertEquals(2, catalog.getServiceDefinitions().size());
        ServiceDefinition mysql = catalog.getServiceDefinitions().get(0);
        assertEquals("3f6c4c2e-8a44-3b3f-a0d6-6d1c7d9d0000", mysql.getId());
        assertEquals("mysql-on-demand", mysql.getName());
        assertTrue(mysql.isBindable());
        assertTrue(mysql.isInstancesRetrievable());
        assertTrue(mysql.isBindingsRetrievable());
        assertTrue(mysql.isAllowContextUpdates());
        assertTrue(mysql.isPlanUpdateable());
        assertEquals(List.of("mysql", "relational", "dedicated"), mysql.getTags());
        assertEquals(true, mysql.getMetadata().get("shareable"));
        assertEquals("MySQL on demand", mysql.getMetadata().get("displayName"));

        List<String> names = mysql.getPlans().stream().map(Plan::getName).toList();
        assertEquals(List.of("cluster-small", "cluster-large", "database", "100mb"), names);
        Plan small = mysql.getPlans().get(0);
        assertEquals("6a0b0f86-3c39-3d5e-9a53-1f0f4a1e0001", small.getId());
        assertFalse(small.isBindable());
        assertFalse(small.isFree());
        assertEquals(7200, small.getMaximumPollingDuration());
        assertEquals(
                "1.4.0+cf-mysql.36.19.0.prometheus.26.6.0.ubuntu-jammy.1.586",
                small.getMaintenanceInfo().getVersion());
        assertNotNull(small.getSchemas().getServiceInstanceSchema().getCreateMethodSchema());
        assertNotNull(small.getSchemas().getServiceInstanceSchema().getUpdateMethodSchema());
        assertNull(small.getSchemas().getServiceBindingSchema());
        assertEquals(true, mysql.getPlans().get(1).isPlanUpdateable());

        Plan database = mysql.getPlans().get(2);
        assertTrue(database.isBindable());
        assertTrue(database.isFree());
        assertNull(database.getMaintenanceInfo());
        assertNotNull(database.getSchemas().getServiceInstanceSchema().getCreateMethodSchema());
        assertNull(database.getSchemas().getServiceInstanceSchema().getUpdateMethodSchema());
        assertNotNull(database.getSchemas().getServiceBindingSchema().getCreateMethodSchema());

        ServiceDefinition tiny = catalog.getServiceDefinitions().get(1);
        assertFalse(tiny.isBindable(), "an offering without child plans is not bindable");
    }

    @Test
    void serviceFieldsFollowTheOsbOrderAndOmitWhatIsAbsent() {
        JsonNode mysql = catalog().get("services").get(0);
        assertEquals(
                List.of(
                        "name",
                        "id",
                        "description",
                        "tags",
                        "bindable",
                        "instances_retrievable",
                        "bindings_retrievable",
                        "allow_context_updates",
                        "metadata",
                        "plan_updateable",
                        "plans"),
                fieldNames(mysql));
        assertEquals(
                List.of(
                        "displayName",
                        "imageUrl",
                        "longDescription",
                        "providerDisplayName",
                        "documentationUrl",
                        "supportUrl",
                        "shareable"),
                fieldNames(mysql.get("metadata")));
        JsonNode tiny = catalog().get("services").get(1);
        assertFalse(tiny.has("tags"), "no empty tags array");
        assertFalse(tiny.has("requires"));
        assertEquals(List.of("shareable"), fieldNames(tiny.get("metadata")));
        assertFalse(tiny.get("plans").get(0).has("metadata"), "no empty plan metadata");
        assertFalse(tiny.get("plans").get(0).has("maximum_polling_duration"));
        assertNoNulls(catalog(), "$");
    }

    @Test
    void planFieldsCostsAndMaintenanceInfo() {
        JsonNode plans = catalog().get("services").get(0).get("plans");
        assertEquals(
                List.of(
                        "id",
                        "name",
                        "description",
                        "metadata",
                        "free",
                        "bindable",
                        "plan_updateable",
                        "schemas",
                        "maximum_polling_duration",
                        "maintenance_info"),
                fieldNames(plans.get(1)));
        assertEquals(
                OsbDefinitions.parse("[{\"amount\": {\"usd\": 480.0, \"eur\": 440.5}, \"unit\": \"MONTHLY\"}]"),
                plans.get(1).get("metadata").get("costs"));
        assertTrue(
                emit(OFFERINGS).text(BundleLayout.CATALOG).contains("\"usd\": 120.0"),
                "amounts are written as decimals");
        assertEquals(
                List.of(
                        "id",
                        "name",
                        "description",
                        "metadata",
                        "free",
                        "bindable",
                        "schemas",
                        "maximum_polling_duration"),
                fieldNames(plans.get(3)));
        assertEquals(
                OsbDefinitions.parse("{\"version\": \"1.4.0+cf-mysql.36.19.0.prometheus.26.6.0.ubuntu-jammy.1.586\","
                        + " \"description\": \"cf-mysql 36.19.0, prometheus 26.6.0, stemcell ubuntu-jammy 1.586\"}"),
                plans.get(0).get("maintenance_info"));
    }

    @Test
    void inlinedSchemasAreTheSchemaFiles() {
        MemoryManifest manifest = emit(OFFERINGS);
        JsonNode catalog = OsbDefinitions.parse(manifest.text(BundleLayout.CATALOG));
        int compared = 0;
        for (JsonNode service : catalog.get("services")) {
            for (JsonNode plan : service.get("plans")) {
                String name = service.get("name").asText();
                String planName = plan.get("name").asText();
                JsonNode schemas = plan.get("schemas");
                Map<String, JsonNode> inlined = new java.util.LinkedHashMap<>();
                inlined.put(
                        BundleLayout.instanceCreateSchema(name, planName),
                        schemas.at("/service_instance/create/parameters"));
                inlined.put(
                        BundleLayout.instanceUpdateSchema(name, planName),
                        schemas.at("/service_instance/update/parameters"));
                inlined.put(
                        BundleLayout.bindingCreateSchema(name, planName),
                        schemas.at("/service_binding/create/parameters"));
                for (Map.Entry<String, JsonNode> entry : inlined.entrySet()) {
                    boolean file = manifest.files().containsKey(entry.getKey());
                    assertEquals(file, !entry.getValue().isMissingNode(), entry.getKey());
                    if (file) {
                        assertEquals(OsbDefinitions.parse(manifest.text(entry.getKey())), entry.getValue());
                        compared++;
                    }
                }
            }
        }
        assertEquals(2 * 5, compared, "two schemas for each of the five plans");
    }

    @Test
    void sameOfferingsSameBytes() {
        byte[] first = emit(OFFERINGS).files().get(BundleLayout.CATALOG);
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertArrayEquals(first, emit(OFFERINGS).files().get(BundleLayout.CATALOG));
        } finally {
            java.util.Locale.setDefault(saved);
        }
        String text = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"));
        assertTrue(text.endsWith("}\n"));
        assertTrue(text.startsWith("{\n  \"services\": [\n    {\n      \"name\": \"mysql-on-demand\","), text);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertNoNulls(JsonNode node, String path) {
        assertFalse(node.isNull(), "null at " + path);
        if (node.isObject()) {
            node.properties().forEach(e -> assertNoNulls(e.getValue(), path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertNoNulls(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
