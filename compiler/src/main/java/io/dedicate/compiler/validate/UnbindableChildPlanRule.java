package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;

/** {@code bindable false} on a child plan: children are what apps bind to, so they always are. */
public final class UnbindableChildPlanRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CHILD) {
                continue;
            }
            for (PlanSetting.Bindable bindable : Members.ofKind(plan.settings(), PlanSetting.Bindable.class)) {
                if (!bindable.value()) {
                    reporter.error(bindable, "", plan.name());
                }
            }
        }
    }
}
