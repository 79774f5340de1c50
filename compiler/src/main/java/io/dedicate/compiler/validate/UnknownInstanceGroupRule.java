package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.List;

/**
 * An instance group name that names no {@code instance_group}: in a cluster plan's {@code
 * instances}, in {@code plan.instances.GROUP}, in {@code errand X on GROUP}.
 */
public final class UnknownInstanceGroupRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<DeploymentSetting.InstanceGroup> groups = offering.instanceGroups();
        List<String> all = Members.groupNames(groups);
        List<String> sized = Members.groupNames(
                groups.stream().filter(g -> !Members.isErrandGroup(g)).toList());
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CLUSTER) {
                continue;
            }
            for (PlanSetting.Instances instances : Members.ofKind(plan.settings(), PlanSetting.Instances.class)) {
                for (PlanSetting.InstanceCount count : instances.counts()) {
                    check(count.group(), all, sized, reporter);
                }
            }
        }
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            Expr.Reference reference = site.reference();
            List<Name> path = reference.path();
            if (path.size() >= 3
                    && path.get(0).value().equals(ReferenceRoot.PLAN.word())
                    && path.get(1).value().equals(ReferenceRoot.PLAN_INSTANCES)) {
                check(path.get(2), all, sized, reporter);
            }
        }
        for (Member.Errand errand : offering.members(Member.Errand.class)) {
            Name on = errand.on();
            if (on != null && !all.contains(on.value())) {
                reporter.unknownName(on, "", on.value(), all);
            }
        }
    }

    /** Errand groups exist but take no count: {@code errand-instance-count} reports them. */
    private static void check(Name group, List<String> all, List<String> sized, Reporter reporter) {
        if (!all.contains(group.value())) {
            reporter.unknownName(group, "", group.value(), sized);
        }
    }
}
