package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.List;

/**
 * A plan's instance count for a {@code lifecycle errand} group, or {@code plan.instances.GROUP}
 * of one: errand VMs exist only while the errand runs, with the group's own fixed count.
 */
public final class ErrandInstanceCountRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> errandGroups = Members.groupNames(offering.instanceGroups().stream()
                .filter(Members::isErrandGroup)
                .toList());
        List<String> sized = Members.groupNames(offering.instanceGroups().stream()
                .filter(g -> !Members.isErrandGroup(g))
                .toList());
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CLUSTER) {
                continue;
            }
            for (PlanSetting.Instances instances : Members.ofKind(plan.settings(), PlanSetting.Instances.class)) {
                for (PlanSetting.InstanceCount count : instances.counts()) {
                    if (errandGroups.contains(count.group().value())
                            && !sized.contains(count.group().value())) {
                        reporter.error(count.group(), "plan", count.group().value(), plan.name());
                    }
                }
            }
        }
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            List<Name> path = site.reference().path();
            if (path.size() >= 3
                    && path.get(0).value().equals(ReferenceRoot.PLAN.word())
                    && path.get(1).value().equals(ReferenceRoot.PLAN_INSTANCES)
                    && errandGroups.contains(path.get(2).value())
                    && !sized.contains(path.get(2).value())) {
                reporter.error(
                        path.get(2),
                        "reference",
                        path.get(2).value(),
                        site.reference().dotted());
            }
        }
    }
}
