package io.dedicate.compiler.emit;

import io.dedicate.bundle.model.Quantity;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sample template variables, as the broker provides them ({@link TemplateContract}): a sample
 * instance, one of the offering's cluster plans, every cluster parameter (its default, else a value
 * of its type within its constraints), an operation of a given kind, the deployment repository.
 * Used to check at compile time that every template renders, and by the template tests.
 */
public final class TemplateSamples {

    /** The sample instance's ID. */
    public static final String INSTANCE_ID = "0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10";

    private TemplateSamples() {}

    /** Variables of a cluster's templates (pipelines, manifest, hook ops files). */
    public static Map<String, Object> instance(Offering offering, ClusterPlan plan, String operationKind) {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("id", INSTANCE_ID);
        instance.put("name", "my-team-db-cluster");
        instance.put("org", "my-team");
        instance.put("space", "prod");
        instance.put("org_guid", "3f2a1c84-5d6e-4b7a-8c9d-0e1f2a3b4c5d");
        instance.put("space_guid", "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d");
        Map<String, @Nullable Object> planVars = new LinkedHashMap<>();
        planVars.put("id", plan.id());
        planVars.put("name", plan.name());
        planVars.put("vm_type", plan.sizing().vmType());
        planVars.put("disk_mb", plan.sizing().diskMb());
        planVars.put("azs", plan.sizing().azs());
        planVars.put("instances", plan.sizing().instances());
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter parameter : offering.parameters().clusterCreate()) {
            params.put(parameter.name(), value(parameter));
        }
        for (Parameter parameter : offering.parameters().clusterUpdate()) {
            params.putIfAbsent(parameter.name(), value(parameter));
        }
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("id", "op-1");
        operation.put("kind", operationKind);
        operation.put("report_url", "https://broker.example.com/reports/op-1");
        Map<String, Object> git = git();
        git.put("path", "my-team/prod/" + INSTANCE_ID);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instance", instance);
        variables.put("plan", planVars);
        variables.put("params", params);
        variables.put("operation", operation);
        variables.put("git", git);
        return variables;
    }

    /** Variables of the meta pipeline: one org's shard with two instances, and the deployment repository. */
    public static Map<String, Object> metaPipeline() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("org", "my-team");
        variables.put("orgs", List.of());
        variables.put(
                "instances",
                List.of(
                        Map.of("name", "mysql-" + INSTANCE_ID, "path", "my-team/prod/" + INSTANCE_ID),
                        Map.of("name", "mysql-other", "path", "my-team/dev/other")));
        variables.put("git", git());
        return variables;
    }

    /** Variables of the root meta pipeline: two orgs and the deployment repository. */
    public static Map<String, Object> rootMetaPipeline() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("org", "");
        variables.put("orgs", List.of("my-team", "other-team"));
        variables.put("instances", List.of());
        variables.put("git", git());
        return variables;
    }

    /**
     * A value the broker could pass for {@code parameter}, normalised as the broker does (byte sizes
     * in bytes, durations in seconds): its default, else one of its type.
     */
    public static Object value(Parameter parameter) {
        Object defaultValue = parameter.defaultValue();
        if (defaultValue instanceof String text
                && (parameter.type() == ParameterType.BYTES || parameter.type() == ParameterType.DURATION)) {
            return Quantity.parse(text)
                    .flatMap(Quantity::wholeBase)
                    .map(Object.class::cast)
                    .orElse(text);
        }
        if (defaultValue != null) {
            return defaultValue;
        }
        if (!parameter.constraints().enumValues().isEmpty()) {
            return parameter.constraints().enumValues().get(0);
        }
        BigDecimal minimum = parameter.constraints().minimum();
        Integer minLength = parameter.constraints().minLength();
        return switch (parameter.type()) {
            case BYTES -> minimum != null ? minimum.longValue() : 1073741824L;
            case DURATION -> minimum != null ? minimum.longValue() : 60L;
            case INTEGER -> minimum != null ? minimum.longValue() : 1L;
            case NUMBER -> minimum != null ? minimum : new BigDecimal("1.5");
            case BOOLEAN -> false;
            case GRANTS -> List.of(Map.of("org", "other-org", "space", "other-space"));
            default -> "x".repeat(Math.max(1, minLength == null ? 6 : minLength));
        };
    }

    private static Map<String, Object> git() {
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("uri", "git@git.example.com:ops/deployments.git");
        git.put("branch", "main");
        return git;
    }
}
