package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A cluster plan that gives no instance count for a (non-errand) instance group which has no
 * fixed {@code instances} of its own: the deployment's size would be unknown. Reported once per
 * plan, at its name, listing the groups.
 */
public final class MissingInstanceCountRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<DeploymentSetting.InstanceGroup> needCount = offering.instanceGroups().stream()
                .filter(g -> !Members.isErrandGroup(g) && !Members.hasFixedInstances(g))
                .toList();
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CLUSTER) {
                continue;
            }
            Set<String> counted = Members.ofKind(plan.settings(), PlanSetting.Instances.class).stream()
                    .flatMap(i -> i.counts().stream())
                    .map(c -> c.group().value())
                    .collect(Collectors.toSet());
            List<String> missing = Members.groupNames(needCount).stream()
                    .filter(g -> !counted.contains(g))
                    .toList();
            if (!missing.isEmpty()) {
                reporter.error(
                        plan.name(),
                        "",
                        plan.name(),
                        missing.stream().map(g -> "`" + g + "`").collect(Collectors.joining(", ")),
                        missing.get(0));
            }
        }
    }
}
