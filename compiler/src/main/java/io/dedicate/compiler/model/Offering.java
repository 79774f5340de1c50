package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One on-demand dedicated service offering: an OSB service whose cluster plans create a dedicated
 * cluster and whose child plans create things (databases) inside one.
 *
 * @param name the service name in the catalog ({@code mysql-on-demand})
 * @param version the offering's own version ({@code 1.4.0}), part of {@code maintenance_info}
 * @param id the service ID: declared, or a name-based UUID that never changes between compiles
 * @param plans all plans in source order (cluster plans and child plans)
 * @param upgrades the allowed plan changes
 * @param stemcell the BOSH stemcell; null only when the offering has no deployment
 * @param terraform the optional Terraform step
 */
public record Offering(
        String name,
        String version,
        String id,
        ServiceMetadata metadata,
        List<Release> releases,
        @Nullable Stemcell stemcell,
        List<Plan> plans,
        List<PlanTransition> upgrades,
        ParameterSet parameters,
        Deployment deployment,
        List<Errand> errands,
        List<Hook> hooks,
        List<App> apps,
        @Nullable Terraform terraform,
        List<Output> outputs,
        Sharing sharing,
        Limits limits,
        PipelineSettings pipeline,
        MaintenanceInfo maintenanceInfo,
        SourceSpan span)
        implements FromSourceSpan {

    public Offering {
        releases = List.copyOf(releases);
        plans = List.copyOf(plans);
        upgrades = List.copyOf(upgrades);
        errands = List.copyOf(errands);
        hooks = List.copyOf(hooks);
        apps = List.copyOf(apps);
        outputs = List.copyOf(outputs);
    }

    public List<ClusterPlan> clusterPlans() {
        return plans.stream()
                .filter(ClusterPlan.class::isInstance)
                .map(ClusterPlan.class::cast)
                .toList();
    }

    public List<ChildPlan> childPlans() {
        return plans.stream()
                .filter(ChildPlan.class::isInstance)
                .map(ChildPlan.class::cast)
                .toList();
    }

    public Optional<Plan> plan(String planName) {
        return plans.stream().filter(p -> p.name().equals(planName)).findFirst();
    }

    /** The plans a cluster on {@code from} may move to. */
    public List<String> upgradeTargets(String from) {
        return upgrades.stream()
                .filter(t -> t.from().equals(from))
                .map(PlanTransition::to)
                .toList();
    }
}
