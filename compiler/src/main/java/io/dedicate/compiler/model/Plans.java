package io.dedicate.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * An offering's plans and the plan changes it allows.
 *
 * @param all all plans in source order (cluster plans and child plans)
 * @param upgrades the allowed plan changes
 */
public record Plans(List<Plan> all, List<PlanTransition> upgrades) {

    public Plans {
        all = List.copyOf(all);
        upgrades = List.copyOf(upgrades);
    }

    /** Plans that allow no plan change. */
    public static Plans of(List<Plan> all) {
        return new Plans(all, List.of());
    }

    public List<ClusterPlan> cluster() {
        return all.stream()
                .filter(ClusterPlan.class::isInstance)
                .map(ClusterPlan.class::cast)
                .toList();
    }

    public List<ChildPlan> child() {
        return all.stream()
                .filter(ChildPlan.class::isInstance)
                .map(ChildPlan.class::cast)
                .toList();
    }

    public Optional<Plan> named(String planName) {
        return all.stream().filter(p -> p.name().equals(planName)).findFirst();
    }

    /** The plans a cluster on {@code from} may move to. */
    public List<String> upgradeTargets(String from) {
        return upgrades.stream()
                .filter(t -> t.from().equals(from))
                .map(PlanTransition::to)
                .toList();
    }
}
