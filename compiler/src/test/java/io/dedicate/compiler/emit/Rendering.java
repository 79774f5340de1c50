package io.dedicate.compiler.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dedicate.bundle.TemplateRenderer;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Parameter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders bundle templates as the broker does and parses the result, with sample variables of one
 * instance as the broker provides them.
 */
final class Rendering {

    private static final TemplateRenderer RENDERER = new TemplateRenderer();
    private static final YAMLMapper YAML = new YAMLMapper();

    private Rendering() {}

    static String render(String name, String template, Map<String, Object> variables) {
        return RENDERER.render(name, template, variables);
    }

    static JsonNode yaml(String name, String template, Map<String, Object> variables) {
        String text = render(name, template, variables);
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(name + " did not render to YAML: " + e.getMessage() + "\n" + text, e);
        }
    }

    /**
     * Sample template variables of one instance, as the broker provides them: the first cluster
     * plan, every cluster parameter (create and update scopes) with a value of its type.
     */
    static Map<String, Object> variables(Offering offering, String operationKind) {
        ClusterPlan plan = offering.clusterPlans().get(0);
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("id", "0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10");
        instance.put("name", "my-team-db-cluster");
        instance.put("org", "my-team");
        instance.put("space", "prod");
        instance.put("org_guid", "3f2a1c84-5d6e-4b7a-8c9d-0e1f2a3b4c5d");
        instance.put("space_guid", "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d");
        Map<String, Object> planVars = new LinkedHashMap<>();
        planVars.put("id", plan.id());
        planVars.put("name", plan.name());
        planVars.put("vm_type", plan.sizing().vmType());
        planVars.put("disk_mb", plan.sizing().diskMb());
        planVars.put("azs", plan.sizing().azs());
        planVars.put("instances", plan.sizing().instances());
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter parameter : offering.parameters().clusterCreate()) {
            params.put(parameter.name(), sample(parameter));
        }
        for (Parameter parameter : offering.parameters().clusterUpdate()) {
            params.putIfAbsent(parameter.name(), sample(parameter));
        }
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("id", "op-1");
        operation.put("kind", operationKind);
        operation.put("report_url", "https://broker.example.com/reports/op-1");
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("uri", "git@git.example.com:ops/deployments.git");
        git.put("branch", "main");
        git.put("path", "my-team/prod/0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instance", instance);
        variables.put("plan", planVars);
        variables.put("params", params);
        variables.put("operation", operation);
        variables.put("git", git);
        return variables;
    }

    private static Object sample(Parameter parameter) {
        return switch (parameter.type()) {
            case BYTES -> 1073741824L;
            case DURATION -> 10L;
            case INTEGER -> 1500L;
            case NUMBER -> new BigDecimal("1.5");
            case BOOLEAN -> false;
            case ENUM ->
                parameter.enumValues().isEmpty()
                        ? "value"
                        : parameter.enumValues().get(0);
            default -> parameter.defaultValue() != null ? parameter.defaultValue() : "value";
        };
    }
}
