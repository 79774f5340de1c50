package io.dedicate.broker.offering;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One offering (one catalog service) as model.json describes it: what the catalog cannot carry.
 *
 * @param parameters every scope is present (an empty list when the scope has no parameter), lists in
 *     declaration order
 */
public record OfferingModel(
        String name,
        String id,
        String version,
        MaintenanceInfo maintenanceInfo,
        List<PlanModel> plans,
        Map<ParameterScope, List<ParameterModel>> parameters,
        TemplatePaths templates,
        List<OutputModel> outputs,
        Sharing sharing,
        Limits limits) {

    public OfferingModel {
        plans = List.copyOf(plans);
        EnumMap<ParameterScope, List<ParameterModel>> scopes = new EnumMap<>(ParameterScope.class);
        for (ParameterScope scope : ParameterScope.values()) {
            scopes.put(scope, List.copyOf(parameters.getOrDefault(scope, List.of())));
        }
        parameters = Collections.unmodifiableMap(scopes);
        outputs = List.copyOf(outputs);
    }

    /** The plan with ID {@code planId}. */
    public Optional<PlanModel> plan(String planId) {
        return plans.stream().filter(plan -> plan.id().equals(planId)).findFirst();
    }

    /** The plan named {@code name}. */
    public Optional<PlanModel> planByName(String name) {
        return plans.stream().filter(plan -> plan.name().equals(name)).findFirst();
    }

    /** The parameters of {@code scope}, in declaration order. */
    public List<ParameterModel> parameters(ParameterScope scope) {
        return parameters.getOrDefault(scope, List.of());
    }

    /** The output named {@code name}. */
    public Optional<OutputModel> output(String name) {
        return outputs.stream().filter(output -> output.name().equals(name)).findFirst();
    }
}
