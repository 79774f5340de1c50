package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.List;

/**
 * A plan's instance count for a group that fixes its own {@code instances}: the group's count wins
 * and the plan's is ignored. A warning, at the count.
 */
public final class IgnoredInstanceCountRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> fixed = Members.groupNames(offering.instanceGroups().stream()
                .filter(Members::hasFixedInstances)
                .filter(g -> !Members.isErrandGroup(g))
                .toList());
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CLUSTER) {
                continue;
            }
            for (PlanSetting.Instances instances : Members.ofKind(plan.settings(), PlanSetting.Instances.class)) {
                for (PlanSetting.InstanceCount count : instances.counts()) {
                    if (fixed.contains(count.group().value())) {
                        reporter.warning(count, "", count.group().value(), plan.name());
                    }
                }
            }
        }
    }
}
