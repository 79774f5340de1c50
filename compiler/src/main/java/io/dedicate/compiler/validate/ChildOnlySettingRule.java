package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;

/** A {@code driver} in a cluster plan: drivers create children inside a cluster, not clusters. */
public final class ChildOnlySettingRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CLUSTER) {
                continue;
            }
            for (PlanSetting.Driver driver : Members.ofKind(plan.settings(), PlanSetting.Driver.class)) {
                reporter.error(Members.keyword(driver, "driver"), "", "driver", plan.name());
            }
        }
    }
}
