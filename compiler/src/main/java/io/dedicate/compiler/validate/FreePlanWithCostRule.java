package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;

/** A plan that says {@code free} and has a {@code cost}: the catalog cannot say both. */
public final class FreePlanWithCostRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            if (Members.ofKind(plan.settings(), PlanSetting.Cost.class).isEmpty()) {
                continue;
            }
            for (PlanSetting.Free free : Members.ofKind(plan.settings(), PlanSetting.Free.class)) {
                if (free.value()) {
                    reporter.error(free, "", plan.name());
                }
            }
        }
    }
}
