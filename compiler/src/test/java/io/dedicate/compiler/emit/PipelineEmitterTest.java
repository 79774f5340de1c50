package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineEmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Offering MYSQL = CompiledOfferings.mysql();
    private static final MemoryManifest FILES = CompiledOfferings.emit(List.of(MYSQL));

    static final String TEMPLATE = BundleLayout.pipeline("mysql-on-demand", BundleLayout.INSTANCE_PIPELINE);

    /** The test fixture whose clusters register in two shared deployments (offerings/ has no hook any more). */
    static final Offering HOOKED = CompiledOfferings.hooked();

    static final MemoryManifest HOOKED_FILES = CompiledOfferings.emit(List.of(HOOKED));
    static final String HOOKED_TEMPLATE = BundleLayout.pipeline("hooked", BundleLayout.INSTANCE_PIPELINE);

    static JsonNode renderHooked(String kind) {
        return Rendering.yaml("hooked " + kind, HOOKED_FILES.text(HOOKED_TEMPLATE), Rendering.variables(HOOKED, kind));
    }

    private JsonNode render(String operation, String kind) {
        return Rendering.yaml(operation, FILES.text(TEMPLATE), Rendering.variables(MYSQL, kind));
    }

    @ParameterizedTest
    @CsvSource({"deploy,deploy", "deploy,update", "recreate,recreate", "upgrade,upgrade", "delete,delete"})
    void everyPipelineValidatesAgainstTheConcourseSchema(String operation, String kind) {
        ConcourseSchema.assertValid(operation + " (" + kind + ")", render(operation, kind));
    }

    @Test
    void thePipelineIsTheSameForEveryOperation() {
        String template = FILES.text(TEMPLATE);
        assertFalse(
                java.util.regex.Pattern.compile("\\{[{%][^}]*operation\\.")
                        .matcher(template)
                        .find(),
                "the pipeline template reads no operation.* variable");
        String deploy = Rendering.render("deploy", template, Rendering.variables(MYSQL, "deploy"));
        for (String kind : List.of("update", "recreate", "upgrade", "delete")) {
            assertEquals(deploy, Rendering.render(kind, template, Rendering.variables(MYSQL, kind)), kind);
        }
    }

    @Test
    void theSchemaCanFail() {
        JsonNode pipeline = render("deploy", "deploy");
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        pipeline.path("jobs").get(0).path("plan").get(0))
                .set("on_failure", JSON.createObjectNode().put("task", "x"));
        assertFalse(ConcourseSchema.errors(pipeline).isEmpty(), "a step hook must be rejected");
    }

    @Test
    void aShardSetsItselfThenOnePipelinePerClusterOfItsOrg() throws Exception {
        String template = FILES.text(BundleLayout.META_PIPELINE);
        for (int count : new int[] {0, 1, 2}) {
            List<Map<String, Object>> instances = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                instances.add(Map.of("name", "cluster-" + i, "path", "org-a/space/id-" + i));
            }
            JsonNode pipeline = Rendering.yaml("shard", template, meta("org-a", List.of(), instances));
            ConcourseSchema.assertValid("shard with " + count + " instances", pipeline);
            assertEquals(
                    "[\"org-a/meta-pipeline.yml\",\"org-a/*/pipeline.yml\"]",
                    pipeline.path("resources")
                            .get(0)
                            .path("source")
                            .path("paths")
                            .toString());
            assertUpdatesItselfFrom("deployments/org-a/meta-pipeline.yml", pipeline);
            JsonNode plan = pipeline.path("jobs").get(1).path("plan");
            assertEquals(count + 1, plan.size());
            if (count == 2) {
                assertEquals(
                        "dedicated-cluster", plan.get(2).path("set_pipeline").textValue());
                assertEquals(
                        "cluster-1",
                        plan.get(2).path("instance_vars").path("instance").textValue());
                assertEquals(
                        "deployments/org-a/space/id-1/pipeline.yml",
                        plan.get(2).path("file").textValue());
                assertFalse(plan.get(2).has("var_files"));
            }
        }
    }

    @Test
    void theRootSetsItselfThenOneShardPerOrg() throws Exception {
        String template = FILES.text(BundleLayout.META_PIPELINE);
        for (List<String> orgs : List.of(List.<String>of(), List.of("org-a"), List.of("org-a", "org-b"))) {
            JsonNode pipeline = Rendering.yaml("root", template, meta("", orgs, List.of()));
            ConcourseSchema.assertValid("root with " + orgs, pipeline);
            assertEquals(
                    "[\"meta-pipeline.yml\"]",
                    pipeline.path("resources")
                            .get(0)
                            .path("source")
                            .path("paths")
                            .toString());
            assertUpdatesItselfFrom("deployments/meta-pipeline.yml", pipeline);
            JsonNode plan = pipeline.path("jobs").get(1).path("plan");
            assertEquals(orgs.size() + 1, plan.size());
            for (int i = 0; i < orgs.size(); i++) {
                JsonNode step = plan.get(i + 1);
                assertEquals("dedicated-org", step.path("set_pipeline").textValue());
                assertEquals(orgs.get(i), step.path("instance_vars").path("org").textValue());
                assertEquals(
                        "deployments/" + orgs.get(i) + "/meta-pipeline.yml",
                        step.path("file").textValue());
            }
        }
    }

    /**
     * Job 1 ({@code update-self}) triggers on the repository and sets the pipeline from {@code file}; job 2 ({@code
     * set-pipelines}) triggers only on versions that passed job 1, so each of its builds runs the configuration job 1
     * set from that version.
     */
    private static void assertUpdatesItselfFrom(String file, JsonNode pipeline) {
        JsonNode jobs = pipeline.path("jobs");
        assertEquals(2, jobs.size());
        assertEquals("update-self", jobs.get(0).path("name").textValue());
        JsonNode update = jobs.get(0).path("plan");
        assertEquals(2, update.size());
        assertTrue(update.get(0).path("trigger").booleanValue());
        assertEquals("self", update.get(1).path("set_pipeline").textValue());
        assertEquals(file, update.get(1).path("file").textValue());
        assertEquals("set-pipelines", jobs.get(1).path("name").textValue());
        JsonNode get = jobs.get(1).path("plan").get(0);
        assertEquals("deployments", get.path("get").textValue());
        assertTrue(get.path("trigger").booleanValue());
        assertEquals("[\"update-self\"]", get.path("passed").toString());
        for (JsonNode job : jobs) {
            assertTrue(job.path("serial").booleanValue());
        }
    }

    private static Map<String, Object> meta(String org, List<String> orgs, List<Map<String, Object>> instances) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("org", org);
        variables.put("orgs", orgs);
        variables.put("instances", instances);
        variables.put("git", Map.of("uri", "git@example.com:d.git", "branch", "main"));
        return variables;
    }

    @Test
    void oneJobRunsEachKindsStepsInOrderGuardedByTheKind() {
        JsonNode pipeline = render("deploy", "deploy");
        assertEquals(1, pipeline.path("jobs").size());
        assertEquals("operate", pipeline.path("jobs").get(0).path("name").textValue());
        assertTrue(pipeline.path("jobs").get(0).path("serial").booleanValue());
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:terraform-state",
                        "task:terraform-apply deploy update",
                        "put:terraform-state",
                        "task:bosh-deploy deploy update",
                        "task:errand-smoke-tests deploy update",
                        "task:push-app-phpmyadmin deploy update",
                        "task:upgrade-terraform-apply upgrade",
                        "put:terraform-state",
                        "task:upgrade-bosh-deploy upgrade",
                        "task:upgrade-errand-smoke-tests upgrade",
                        "task:upgrade-push-app-phpmyadmin upgrade",
                        "task:recreate-bosh-recreate recreate",
                        "task:delete-delete-app-phpmyadmin delete",
                        "task:delete-bosh-delete-deployment delete",
                        "task:delete-terraform-destroy delete",
                        "put:terraform-state",
                        "task:report-success deploy update upgrade recreate delete"),
                steps(pipeline));
        for (JsonNode task : pipeline.findParents("platform")) {
            assertEquals("deployment", task.path("inputs").get(0).path("name").textValue());
            assertTrue(
                    task.path("run")
                            .path("args")
                            .get(1)
                            .textValue()
                            .startsWith(TaskScripts.guard(List.of()).substring(0, 40)),
                    "every task starts with the guard");
        }
    }

    @Test
    void lastStepReportsOutputsAndJobHooksReportFailures() throws Exception {
        JsonNode job = render("deploy", "deploy").path("jobs").get(0);
        JsonNode plan = job.path("plan");
        JsonNode report = plan.get(plan.size() - 1).path("config").path("params");
        assertFalse(report.has("REPORT_URL"), "read from operation.json at run time");
        assertFalse(report.has("REPORT_TOKEN"));
        assertEquals("((report_signing_key))", report.path("REPORT_SIGNING_KEY").textValue());
        assertEquals("succeeded", report.path("REPORT_STATE").textValue());
        JsonNode outputs = JSON.readTree(report.path("OUTPUTS").textValue());
        assertEquals(
                "q-s0.proxy.tenant-clusters.mysql-0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10.bosh",
                outputs.path("host").textValue());
        assertEquals(3306, outputs.path("port").intValue());
        assertFalse(outputs.has("admin_password"), "CredHub outputs are read by the task");
        JsonNode credhub = JSON.readTree(report.path("CREDHUB_OUTPUTS").textValue());
        assertEquals(
                "mysql-0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10/dedicate_admin_password",
                credhub.path("admin_password").textValue());
        for (String hook : new String[] {"on_failure", "on_error", "on_abort"}) {
            JsonNode params = job.path(hook).path("config").path("params");
            assertEquals("failed", params.path("REPORT_STATE").textValue(), hook);
            assertEquals("{}", params.path("OUTPUTS").textValue(), hook);
        }
    }

    @Test
    void scriptsNeverContainValues() {
        Map<String, Object> other = Rendering.variables(MYSQL, "deploy");
        @SuppressWarnings("unchecked")
        Map<String, Object> instance = (Map<String, Object>) java.util.Objects.requireNonNull(other.get("instance"));
        instance.put("id", "other-id");
        instance.put("name", "other-name");
        String template = FILES.text(TEMPLATE);
        assertEquals(
                scripts(Rendering.yaml("deploy", template, Rendering.variables(MYSQL, "deploy"))),
                scripts(Rendering.yaml("deploy", template, other)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "update", "recreate", "upgrade", "delete"})
    void theHookedPipelineValidatesAgainstTheConcourseSchemaAndIsTheSameForEveryKind(String kind) {
        ConcourseSchema.assertValid("hooked (" + kind + ")", renderHooked(kind));
        String template = HOOKED_FILES.text(HOOKED_TEMPLATE);
        assertEquals(
                Rendering.render("deploy", template, Rendering.variables(HOOKED, "deploy")),
                Rendering.render(kind, template, Rendering.variables(HOOKED, kind)));
    }

    @Test
    void sharedDeploymentStepsRegisterAfterTheirKindsAndDeregisterAroundTheDeletion() {
        JsonNode pipeline = renderHooked("deploy");
        // hook prometheus: register after deploy, update, recreate; deregister after delete
        // hook inventory: register after deploy, update; deregister before delete
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:shared-deployments",
                        "task:bosh-deploy deploy update",
                        "task:register-prometheus deploy update",
                        "put:shared-deployments",
                        "task:register-inventory deploy update",
                        "put:shared-deployments",
                        "task:upgrade-bosh-deploy upgrade",
                        "task:recreate-bosh-recreate recreate",
                        "task:recreate-register-prometheus recreate",
                        "put:shared-deployments",
                        "task:delete-deregister-inventory delete",
                        "put:shared-deployments",
                        "task:delete-bosh-delete-deployment delete",
                        "task:delete-deregister-prometheus delete",
                        "put:shared-deployments",
                        "task:report-success deploy update upgrade recreate delete"),
                steps(pipeline));

        // the shared deployments' repository is its own: its URI and branch, the deployment repository's credentials
        JsonNode resource = JSON.createObjectNode();
        for (JsonNode candidate : pipeline.path("resources")) {
            if ("shared-deployments".equals(candidate.path("name").textValue())) {
                resource = candidate;
            }
        }
        assertEquals("git", resource.path("type").textValue());
        assertEquals(
                "((shared_deployments_git_uri))",
                resource.path("source").path("uri").textValue());
        assertEquals(
                "((shared_deployments_git_branch))",
                resource.path("source").path("branch").textValue());
        assertEquals(
                "((git_private_key))",
                resource.path("source").path("private_key").textValue(),
                "the sample deployment repository is git@...: SSH");

        // every registration is pushed by the next step, rebased on commits others made meanwhile
        JsonNode plan = pipeline.path("jobs").get(0).path("plan");
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).path("task").asText("").contains("register-")) {
                JsonNode put = plan.get(i + 1);
                assertEquals(
                        "shared-deployments",
                        put.path("put").textValue(),
                        plan.get(i).path("task") + " is pushed");
                assertEquals(
                        "shared-deployments-updated",
                        put.path("params").path("repository").textValue());
                assertTrue(put.path("params").path("rebase").booleanValue());
                assertEquals(
                        "shared-deployments-updated",
                        plan.get(i)
                                .path("config")
                                .path("outputs")
                                .get(0)
                                .path("name")
                                .textValue());
            }
        }

        // a deregistration removes the very file its registration wrote, in the shared deployment's folder
        JsonNode register = step(plan, "register-prometheus").path("config").path("params");
        JsonNode deregister =
                step(plan, "delete-deregister-prometheus").path("config").path("params");
        assertEquals("prometheus", register.path("SHARED_DEPLOYMENT").textValue());
        assertEquals("prometheus", deregister.path("SHARED_DEPLOYMENT").textValue());
        assertEquals(
                "hooked-" + TemplateSamples.INSTANCE_ID + "-prometheus-operators.yml",
                register.path("OPS_FILE_NAME").textValue());
        assertEquals(register.path("OPS_FILE_NAME"), deregister.path("OPS_FILE_NAME"));
        assertFalse(deregister.has("OPS_FILE"), "a deregistration writes nothing");
        assertTrue(step(plan, "register-prometheus")
                .path("config")
                .path("run")
                .path("args")
                .get(1)
                .textValue()
                .contains(TaskScripts.HOOK_REGISTER));
        assertTrue(step(plan, "delete-deregister-prometheus")
                .path("config")
                .path("run")
                .path("args")
                .get(1)
                .textValue()
                .contains(TaskScripts.HOOK_DEREGISTER));
    }

    private static JsonNode step(JsonNode plan, String task) {
        for (JsonNode step : plan) {
            if (task.equals(step.path("task").textValue())) {
                return step;
            }
        }
        throw new AssertionError("no task " + task + " in " + plan);
    }

    @Test
    void hookOpsFilesReplaceAtTheirPathWithTheInstancesValues() {
        Map<String, Object> variables = Rendering.variables(HOOKED, "deploy");
        JsonNode prometheus = Rendering.yaml(
                "prometheus", HOOKED_FILES.text(BundleLayout.hookOps("hooked", "prometheus")), variables);
        assertEquals(1, prometheus.size());
        assertEquals("replace", prometheus.get(0).path("type").textValue());
        assertEquals(
                "/instance_groups/name=prometheus2/jobs/name=prometheus2/properties/prometheus/scrape_configs/-",
                prometheus.get(0).path("path").textValue());
        assertEquals(
                "hooked-" + TemplateSamples.INSTANCE_ID,
                prometheus.get(0).path("value").path("job_name").textValue());
        assertEquals(
                "q-s0.node.default.hooked-" + TemplateSamples.INSTANCE_ID + ".bosh:9100",
                prometheus
                        .get(0)
                        .path("value")
                        .path("static_configs")
                        .get(0)
                        .path("targets")
                        .get(0)
                        .textValue());
    }

    @Test
    void registrationCarriesTheRenderedHookOpsFile() throws Exception {
        Offering hooked = CompiledOfferings.hooked();
        MemoryManifest files = CompiledOfferings.emit(List.of(hooked));
        Map<String, Object> variables = Rendering.variables(hooked, "deploy");
        JsonNode plan = Rendering.yaml(
                        "deploy",
                        files.text(BundleLayout.pipeline(hooked.name(), BundleLayout.INSTANCE_PIPELINE)),
                        variables)
                .path("jobs")
                .get(0)
                .path("plan");
        for (String hook : new String[] {"prometheus", "inventory"}) {
            JsonNode task = JSON.createObjectNode();
            for (JsonNode step : plan) {
                if (("register-" + hook).equals(step.path("task").textValue())) {
                    task = step;
                }
            }
            assertTrue(task.has("task"), "a register-" + hook + " step");
            JsonNode embedded = JSON.readTree(
                    task.path("config").path("params").path("OPS_FILE").textValue());
            JsonNode opsFile = Rendering.yaml(hook, files.text(BundleLayout.hookOps(hooked.name(), hook)), variables);
            assertEquals(opsFile, embedded, hook);
            assertTrue(opsFile.isArray() && opsFile.size() > 0, hook);
        }
    }

    static List<String> steps(JsonNode pipeline) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : pipeline.path("jobs").get(0).path("plan")) {
            for (String kind : new String[] {"get", "put", "task"}) {
                if (step.has(kind)) {
                    String runsFor =
                            step.path("config").path("params").path("RUNS_FOR").asText("");
                    steps.add(kind + ":" + step.path(kind).textValue() + (runsFor.isEmpty() ? "" : " " + runsFor));
                }
            }
        }
        return steps;
    }

    private static List<String> scripts(JsonNode pipeline) {
        List<String> scripts = new ArrayList<>();
        pipeline.findValues("run")
                .forEach(run -> scripts.add(run.path("args").get(1).textValue()));
        assertFalse(scripts.isEmpty());
        return scripts;
    }

    /**
     * Concourse fails a build that references a credential its credential manager lacks: only an offering with
     * secret cluster parameters reads {@code ((secret_parameters_private_key))} and decrypts {@code secrets.cms}.
     */
    @Test
    void onlyAnOfferingWithSecretParametersReadsTheirPrivateKey() {
        String mysql = FILES.text(TEMPLATE);
        assertFalse(mysql.contains("secret_parameters_private_key"), "mysql.offering has no secret cluster parameter");
        assertFalse(mysql.contains("secrets.cms"));
        assertFalse(mysql.contains("SECRET_PARAMETERS_PRIVATE_KEY"));

        Offering secret = CompiledOfferings.secret();
        String template = CompiledOfferings.emit(List.of(secret))
                .text(BundleLayout.pipeline("secret", BundleLayout.INSTANCE_PIPELINE));
        JsonNode pipeline = Rendering.yaml("pipeline", template, Rendering.variables(secret, "deploy"));
        ConcourseSchema.assertValid("secret pipeline", pipeline);
        List<JsonNode> deploys = new ArrayList<>();
        for (JsonNode task : pipeline.findParents("platform")) {
            if (!task.path("params").path("SECRET_PARAMETERS_PRIVATE_KEY").isMissingNode()) {
                deploys.add(task);
            }
        }
        assertEquals(2, deploys.size(), "bosh-deploy and upgrade-bosh-deploy read the key");
        for (JsonNode task : deploys) {
            assertEquals(
                    "((secret_parameters_private_key))",
                    task.path("params").path("SECRET_PARAMETERS_PRIVATE_KEY").textValue());
            assertTrue(task.path("run").path("args").get(1).textValue().contains(TaskScripts.DEPLOY_WITH_SECRETS));
        }
    }
}
