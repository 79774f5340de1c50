package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.bundle.BundleDigest;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEmitterTest {

    private static final List<Offering> OFFERINGS =
            List.of(HandBuiltOfferings.mysqlWithEveryKind(), HandBuiltOfferings.minimal());

    /** Catalog, schemas, a stand-in pipeline file (the pipeline emitter is not ours), then the model. */
    private static MemoryManifest emit(String pipelineText) {
        MemoryManifest manifest = new MemoryManifest();
        new CatalogEmitter().emit(OFFERINGS, manifest);
        new SchemaEmitter().emit(OFFERINGS, manifest);
        manifest.writeText(BundleLayout.pipeline("tiny", BundleLayout.INSTANCE_PIPELINE), pipelineText);
        new ModelEmitter().emit(OFFERINGS, manifest);
        return manifest;
    }

    private static JsonNode model() {
        return OsbDefinitions.parse(emit("jobs: []\n").text(BundleLayout.MODEL));
    }

    private static JsonNode mysql() {
        return model().get("offerings").get(0);
    }

    @Test
    void topLevel() {
        JsonNode model = model();
        assertEquals(
                List.of("format", "digest", "meta_pipeline", "template_variables", "offerings"),
                CatalogEmitterTest.fieldNames(model));
        assertEquals(1, model.get("format").asInt());
        assertEquals("pipelines/meta.yml.j2", model.get("meta_pipeline").asText());
        assertEquals(List.of("mysql-on-demand", "tiny"), texts(model.get("offerings"), "name"));
    }

    @Test
    void theDigestCoversEveryOtherFile() {
        MemoryManifest bundle = emit("jobs: []\n");
        String digest = OsbDefinitions.parse(bundle.text(BundleLayout.MODEL))
                .get("digest")
                .asText();
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertEquals(BundleDigest.of(bundle.files()), digest, "recomputed over the finished bundle");
    }

    @Test
    void theDigestIsStableAndFollowsAnyOtherFile() {
        byte[] first = emit("jobs: []\n").files().get(BundleLayout.MODEL);
        assertArrayEquals(first, emit("jobs: []\n").files().get(BundleLayout.MODEL));
        String changed = OsbDefinitions.parse(emit("jobs: [] \n").text(BundleLayout.MODEL))
                .get("digest")
                .asText();
        String original = OsbDefinitions.parse(new String(first, StandardCharsets.UTF_8))
                .get("digest")
                .asText();
        assertNotEquals(original, changed);
    }

    @Test
    void templateVariablesAreTheAgreedContract() {
        JsonNode variables = model().get("template_variables");
        assertEquals(List.of("instance", "meta_pipeline", "credentials"), CatalogEmitterTest.fieldNames(variables));
        assertEquals(
                List.of(
                        "instance.id",
                        "instance.name",
                        "instance.org",
                        "instance.space",
                        "instance.org_guid",
                        "instance.space_guid",
                        "plan.id",
                        "plan.name",
                        "plan.vm_type",
                        "plan.disk_mb",
                        "plan.azs",
                        "plan.instances",
                        "params",
                        "operation.id",
                        "operation.kind",
                        "operation.report_url",
                        "git.uri",
                        "git.branch",
                        "git.path"),
                texts(variables.get("instance"), "name"));
        assertEquals(
                List.of("org", "orgs", "instances", "git.uri", "git.branch"),
                texts(variables.get("meta_pipeline"), "name"));
        assertEquals(
                List.of(
                        "report_signing_key",
                        "git_private_key",
                        "git_username",
                        "git_password",
                        "secret_parameters_private_key",
                        "bosh_environment",
                        "bosh_client",
                        "bosh_client_secret",
                        "bosh_ca_cert",
                        "credhub_server",
                        "credhub_client",
                        "credhub_secret",
                        "credhub_ca_cert",
                        "cf_api",
                        "cf_username",
                        "cf_password",
                        "shared_deployments_git_uri",
                        "shared_deployments_git_branch"),
                texts(variables.get("credentials"), "name"));
        for (JsonNode credential : variables.get("credentials")) {
            assertFalse(credential.get("description").asText().isBlank());
        }
    }

    @Test
    void offeringFieldsAreAllPresentInOrder() {
        List<String> fields = List.of(
                "name",
                "id",
                "version",
                "maintenance_info",
                "plans",
                "parameters",
                "templates",
                "releases",
                "stemcell",
                "errands",
                "hooks",
                "apps",
                "terraform",
                "outputs",
                "sharing",
                "limits");
        for (JsonNode offering : model().get("offerings")) {
            assertEquals(fields, CatalogEmitterTest.fieldNames(offering));
        }
        JsonNode tiny = model().get("offerings").get(1);
        assertTrue(tiny.get("stemcell").isNull());
        assertTrue(tiny.get("terraform").isNull());
        assertTrue(tiny.at("/limits/clusters_per_org").isNull());
        assertEquals("none", tiny.at("/sharing/scope").asText());
    }

    @Test
    void plansSayTheirKindSizingDriverAndUpgradePaths() {
        JsonNode plans = mysql().get("plans");
        assertEquals(List.of("cluster", "cluster", "child", "child"), texts(plans, "kind"));
        JsonNode small = plans.get(0);
        assertEquals(
                List.of("name", "id", "kind", "sizing", "max_polling_seconds", "upgrades_to", "schemas"),
                CatalogEmitterTest.fieldNames(small));
        assertEquals(
                OsbDefinitions.parse("{\"instances\": {\"mysql\": 3, \"proxy\": 1, \"arbitrator\": 1},"
                        + " \"vm_type\": \"small\", \"disk_mb\": 10240, \"azs\": [\"z1\", \"z2\", \"z3\"]}"),
                small.get("sizing"));
        assertEquals(7200, small.get("max_polling_seconds").asInt());
        assertEquals(OsbDefinitions.parse("[\"cluster-large\"]"), small.get("upgrades_to"));
        assertEquals(0, plans.get(1).get("upgrades_to").size());

        JsonNode hundred = plans.get(3);
        assertEquals(
                List.of("name", "id", "kind", "driver", "max_polling_seconds", "upgrades_to", "schemas"),
                CatalogEmitterTest.fieldNames(hundred));
        assertEquals(
                OsbDefinitions.parse("{\"name\": \"mysql\", \"settings\": {\"quota\": 104857600}}"),
                hundred.get("driver"));
        assertTrue(plans.get(2).get("max_polling_seconds").isNull());
    }

    @Test
    void schemaPathsPointAtTheSchemaFiles() {
        MemoryManifest bundle = emit("jobs: []\n");
        JsonNode model = OsbDefinitions.parse(bundle.text(BundleLayout.MODEL));
        int paths = 0;
        for (JsonNode offering : model.get("offerings")) {
            for (JsonNode plan : offering.get("plans")) {
                for (JsonNode path : plan.get("schemas")) {
                    assertTrue(bundle.files().containsKey(path.asText()), path.asText());
                    paths++;
                }
            }
        }
        assertEquals(
                bundle.files().keySet().stream()
                        .filter(p -> p.startsWith("schemas/"))
                        .count(),
                paths);
        assertEquals(
                OsbDefinitions.parse(
                        "{\"service_instance.create\":"
                                + " \"schemas/mysql-on-demand/database/service_instance.create.json\","
                                + " \"service_binding.create\": \"schemas/mysql-on-demand/database/service_binding.create.json\"}"),
                mysql().get("plans").get(2).get("schemas"));
    }

    @Test
    void parametersCarryWhatTheBrokerNeedsToNormaliseAndMask() {
        JsonNode parameters = mysql().get("parameters");
        assertEquals(
                List.of("cluster_create", "cluster_update", "child_create", "binding_create"),
                CatalogEmitterTest.fieldNames(parameters));
        List<String> fields = List.of(
                "name",
                "type",
                "required",
                "create_only",
                "secret",
                "built_in",
                "when_absent",
                "default",
                "minimum",
                "maximum",
                "min_length",
                "max_length",
                "pattern",
                "enum");
        for (JsonNode scope : parameters) {
            for (JsonNode parameter : scope) {
                assertEquals(fields, CatalogEmitterTest.fieldNames(parameter), parameter.toString());
            }
        }
        JsonNode bufferPool = parameters.get("cluster_create").get(0);
        assertEquals(
                OsbDefinitions.parse("{\"name\": \"innodb_buffer_pool_size\", \"type\": \"bytes\", \"required\": false,"
                        + " \"create_only\": false, \"secret\": false, \"built_in\": false, \"when_absent\": \"default\","
                        + " \"default\": \"1GB\", \"minimum\": 134217728, \"maximum\": 68719476736,"
                        + " \"min_length\": null, \"max_length\": null, \"pattern\": \"^[0-9]+(\\\\.[0-9]+)? ?[KkMmGgTt]?[Bb]$\","
                        + " \"enum\": null}"),
                bufferPool);
        assertEquals(
                List.of(
                        "innodb_buffer_pool_size",
                        "max_connections",
                        "slow_query_threshold",
                        "audit_log",
                        "read_replicas",
                        "cpu_ratio",
                        "rolling_restart"),
                texts(parameters.get("cluster_update"), "name"),
                "create-only parameters are not updatable");
        assertEquals(
                List.of("keep", "keep", "keep", "keep", "keep", "keep", "default"),
                texts(parameters.get("cluster_update"), "when_absent"));
        assertTrue(parameters.get("cluster_create").get(6).get("required").asBoolean());
        assertFalse(parameters.get("cluster_update").get(4).get("required").asBoolean());
        JsonNode majorVersion = parameters.get("cluster_create").get(4);
        assertTrue(majorVersion.get("create_only").asBoolean());
        assertEquals(OsbDefinitions.parse("[\"5.7\", \"8.0\"]"), majorVersion.get("enum"));
        assertEquals(
                "0.1", parameters.get("cluster_create").get(7).get("minimum").asText());
        JsonNode cluster = parameters.get("child_create").get(0);
        assertTrue(cluster.get("built_in").asBoolean());
        assertTrue(cluster.get("required").asBoolean());
        assertTrue(parameters.get("binding_create").get(1).get("secret").asBoolean());
        assertEquals(
                32, parameters.get("cluster_create").get(5).get("max_length").asInt());
    }

    @Test
    void templatesOnlyForOperationsThatApply() {
        assertEquals(
                OsbDefinitions.parse("{\"pipelines\": {"
                        + "\"deploy\": \"pipelines/mysql-on-demand/pipeline.yml.j2\","
                        + "\"update\": \"pipelines/mysql-on-demand/pipeline.yml.j2\","
                        + "\"recreate\": \"pipelines/mysql-on-demand/pipeline.yml.j2\","
                        + "\"upgrade\": \"pipelines/mysql-on-demand/pipeline.yml.j2\","
                        + "\"delete\": \"pipelines/mysql-on-demand/pipeline.yml.j2\"},"
                        + "\"manifest\": \"manifests/mysql-on-demand/manifest.yml.j2\","
                        + "\"hook_ops\": {\"prometheus\": \"manifests/mysql-on-demand/hooks/prometheus.yml.j2\"}}"),
                mysql().get("templates"));
        assertEquals(
                OsbDefinitions.parse("{\"pipelines\": {"
                        + "\"deploy\": \"pipelines/tiny/pipeline.yml.j2\","
                        + "\"update\": \"pipelines/tiny/pipeline.yml.j2\","
                        + "\"delete\": \"pipelines/tiny/pipeline.yml.j2\"},"
                        + "\"manifest\": null, \"hook_ops\": {}}"),
                model().get("offerings").get(1).get("templates"));
    }

    @Test
    void lifecycleAutomation() {
        JsonNode mysql = mysql();
        assertEquals(
                OsbDefinitions.parse("[{\"name\": \"bootstrap\", \"instance_group\": \"mysql\","
                        + " \"triggers\": [\"after deploy\", \"after recreate\"]},"
                        + " {\"name\": \"smoke-tests\", \"instance_group\": null,"
                        + " \"triggers\": [\"after deploy\", \"after update\"]}]"),
                mysql.get("errands"));
        assertEquals(
                OsbDefinitions.parse("[{\"name\": \"prometheus\", \"shared_deployment\": \"prometheus\","
                        + " \"register\": [\"after deploy\"], \"deregister\": [\"before delete\"],"
                        + " \"ops_template\": \"manifests/mysql-on-demand/hooks/prometheus.yml.j2\"}]"),
                mysql.get("hooks"));
        assertEquals(OsbDefinitions.parse("[{\"name\": \"phpmyadmin\"}]"), mysql.get("apps"));
        assertEquals(
                "git::https://github.com/example/terraform-cf-security-groups.git//mysql?ref=v1.2.0",
                mysql.at("/terraform/module").asText());
        assertEquals(
                OsbDefinitions.parse(
                        "[{\"name\": \"host\", \"type\": \"string\", \"secret\": false,"
                                + " \"description\": \"Host name of the cluster's proxies\"},"
                                + " {\"name\": \"admin_password\", \"type\": \"string\", \"secret\": true, \"description\": null}]"),
                mysql.get("outputs"));
        assertEquals(OsbDefinitions.parse("{\"scope\": \"orgs\", \"requires_grant\": true}"), mysql.get("sharing"));
        assertEquals(
                OsbDefinitions.parse("{\"clusters_per_org\": 5, \"children_per_cluster\": null}"), mysql.get("limits"));
        assertEquals(
                OsbDefinitions.parse(
                        "{\"name\": \"prometheus\", \"version\": \"26.6.0\", \"url\": null, \"sha1\": null}"),
                mysql.get("releases").get(1));
        assertEquals(OsbDefinitions.parse("{\"os\": \"ubuntu-jammy\", \"version\": \"1.586\"}"), mysql.get("stemcell"));
    }

    @Test
    void examplesNeverReachTheModel() {
        String model = emit("jobs: []\n").text(BundleLayout.MODEL);
        assertFalse(model.contains("do-not-leak-this-example"));
        assertFalse(model.contains("\"example\""));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) {
            texts.add(item.get(field).asText());
        }
        return texts;
    }
}
