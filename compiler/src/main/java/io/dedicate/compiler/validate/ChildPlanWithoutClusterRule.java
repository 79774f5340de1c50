package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import java.util.List;

/**
 * Child plans in an offering without any cluster plan: a child lives inside a cluster of the same
 * offering, so nobody could ever create one. Reported once, at the first child plan.
 */
public final class ChildPlanWithoutClusterRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<Member.Plan> plans = offering.plans();
        if (plans.stream().anyMatch(p -> p.kind() == Member.PlanKind.CLUSTER)) {
            return;
        }
        plans.stream()
                .filter(p -> p.kind() == Member.PlanKind.CHILD)
                .findFirst()
                .ifPresent(child -> reporter.error(child.name(), "", child.name(), offering.name()));
    }
}
