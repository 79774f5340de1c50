package io.dedicate.bundle.model;

import java.util.List;
import java.util.Optional;

/**
 * One offering (one catalog service) as model.json describes it: what the catalog cannot carry.
 *
 * @param name the catalog's service name
 * @param id the catalog's service ID
 * @param version the offering's own version ({@code 1.4.0})
 * @param maintenanceInfo what the cluster plans advertise
 * @param plans in catalog order
 * @param templates where the offering's templates live in the bundle
 * @param automation what the pipelines deploy and run around each cluster
 * @param outputs what the pipeline reports when an operation ends
 */
public record OfferingModel(
        String name,
        String id,
        String version,
        MaintenanceInfo maintenanceInfo,
        List<PlanModel> plans,
        Parameters parameters,
        TemplatePaths templates,
        Automation automation,
        List<OutputModel> outputs,
        Sharing sharing,
        Limits limits) {

    public OfferingModel {
        plans = List.copyOf(plans);
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
        return parameters.of(scope);
    }

    /** The output named {@code name}. */
    public Optional<OutputModel> output(String name) {
        return outputs.stream().filter(output -> output.name().equals(name)).findFirst();
    }
}
