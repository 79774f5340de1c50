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

class PipelineEmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Offering MYSQL = CompiledOfferings.mysql();
    private static final Offering HOOKED = CompiledOfferings.hooked();
    private static final MemoryManifest FILES = CompiledOfferings.emit(List.of(MYSQL, HOOKED));

    private JsonNode render(String operation, String kind) {
        return render(MYSQL, operation, kind);
    }

    private JsonNode render(Offering offering, String operation, String kind) {
        return Rendering.yaml(
                operation,
                FILES.text(BundleLayout.pipeline(offering.name(), operation)),
                Rendering.variables(offering, kind));
    }

    @ParameterizedTest
    @CsvSource({"deploy,deploy", "deploy,update", "recreate,recreate", "upgrade,upgrade", "delete,delete"})
    void everyPipelineValidatesAgainstTheConcourseSchema(String operation, String kind) {
        ConcourseSchema.assertValid(operation + " (" + kind + ")", render(operation, kind));
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
    void metaPipelineSetsOnePipelinePerInstance() throws Exception {
        String template = FILES.text(BundleLayout.META_PIPELINE);
        for (int count : new int[] {0, 1, 2}) {
            List<Map<String, Object>> instances = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                instances.add(Map.of("name", "cluster-" + i, "path", "org/space/id-" + i));
            }
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("instances", instances);
            variables.put("git", Map.of("uri", "git@example.com:d.git", "branch", "main"));
            JsonNode pipeline = Rendering.yaml("meta", template, variables);
            ConcourseSchema.assertValid("meta with " + count + " instances", pipeline);
            JsonNode plan = pipeline.path("jobs").get(0).path("plan");
            assertEquals(count + 1, plan.size());
            if (count == 2) {
                assertEquals("cluster-1", plan.get(2).path("set_pipeline").textValue());
                assertEquals(
                        "deployments/org/space/id-1/pipeline.yml",
                        plan.get(2).path("file").textValue());
                assertEquals(
                        "deployments/org/space/id-1/vars.yml",
                        plan.get(2).path("var_files").get(0).textValue());
            }
        }
    }

    @Test
    void deployRunsItsStepsInOrderAndUpdateSwapsTheErrands() {
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:terraform-state",
                        "task:terraform-apply",
                        "put:terraform-state",
                        "task:bosh-deploy",
                        "task:errand-smoke-tests",
                        "task:push-app-phpmyadmin",
                        "task:report-success"),
                steps(render("deploy", "deploy")));
        List<String> update = steps(render("deploy", "update"));
        assertTrue(update.contains("task:errand-smoke-tests"), update.toString());
        assertFalse(update.contains("task:errand-bootstrap"), "bootstrap is the operator's: " + update);
        assertEquals(
                List.of("get:deployment", "task:bosh-recreate", "task:report-success"),
                steps(render("recreate", "recreate")));
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:terraform-state",
                        "task:delete-app-phpmyadmin",
                        "task:bosh-delete-deployment",
                        "task:terraform-destroy",
                        "put:terraform-state",
                        "task:report-success"),
                steps(render("delete", "delete")));
    }

    @Test
    void hooksRegisterAfterTheDeployAndDeregisterAroundTheDelete() {
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:shared-deployments",
                        "task:bosh-deploy",
                        "task:register-prometheus",
                        "put:shared-deployments",
                        "task:register-inventory",
                        "put:shared-deployments",
                        "task:report-success"),
                steps(render(HOOKED, "deploy", "deploy")));
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:shared-deployments",
                        "task:bosh-recreate",
                        "task:register-prometheus",
                        "put:shared-deployments",
                        "task:report-success"),
                steps(render(HOOKED, "recreate", "recreate")));
        assertEquals(
                List.of(
                        "get:deployment",
                        "get:shared-deployments",
                        "task:deregister-inventory",
                        "put:shared-deployments",
                        "task:bosh-delete-deployment",
                        "task:deregister-prometheus",
                        "put:shared-deployments",
                        "task:report-success"),
                steps(render(HOOKED, "delete", "delete")));
    }

    @Test
    void lastStepReportsOutputsAndJobHooksReportFailures() throws Exception {
        JsonNode job = render("deploy", "deploy").path("jobs").get(0);
        JsonNode plan = job.path("plan");
        JsonNode report = plan.get(plan.size() - 1).path("config").path("params");
        assertEquals(
                "https://broker.example.com/reports/op-1",
                report.path("REPORT_URL").textValue());
        assertEquals("((report_token))", report.path("REPORT_TOKEN").textValue());
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
        String template = FILES.text(BundleLayout.pipeline("mysql-on-demand", "deploy"));
        assertEquals(
                scripts(Rendering.yaml("deploy", template, Rendering.variables(MYSQL, "deploy"))),
                scripts(Rendering.yaml("deploy", template, other)));
    }

    @Test
    void registrationCarriesTheRenderedHookOpsFile() throws Exception {
        Map<String, Object> variables = Rendering.variables(HOOKED, "deploy");
        JsonNode plan = render(HOOKED, "deploy", "deploy").path("jobs").get(0).path("plan");
        for (String hook : new String[] {"prometheus", "inventory"}) {
            JsonNode task = JSON.createObjectNode();
            for (JsonNode step : plan) {
                if (("register-" + hook).equals(step.path("task").textValue())) {
                    task = step;
                }
            }
            JsonNode embedded = JSON.readTree(
                    task.path("config").path("params").path("OPS_FILE").textValue());
            JsonNode opsFile = Rendering.yaml(hook, FILES.text(BundleLayout.hookOps("hooked", hook)), variables);
            assertEquals(opsFile, embedded, hook);
            assertTrue(opsFile.isArray() && opsFile.size() > 0, hook);
            opsFile.forEach(op -> assertEquals("replace", op.path("type").textValue()));
        }
        JsonNode prometheus =
                Rendering.yaml("prometheus", FILES.text(BundleLayout.hookOps("hooked", "prometheus")), variables);
        assertEquals(
                "q-s0.node.default.hooked-0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10.bosh:9100",
                prometheus
                        .get(0)
                        .path("value")
                        .path("static_configs")
                        .get(0)
                        .path("targets")
                        .get(0)
                        .textValue());
    }

    static List<String> steps(JsonNode pipeline) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : pipeline.path("jobs").get(0).path("plan")) {
            for (String kind : new String[] {"get", "put", "task"}) {
                if (step.has(kind)) {
                    steps.add(kind + ":" + step.path(kind).textValue());
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
}
