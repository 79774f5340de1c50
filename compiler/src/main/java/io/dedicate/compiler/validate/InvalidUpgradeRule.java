package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import java.util.List;

/**
 * An {@code upgrade} that cannot be one: from a plan to itself, or involving a child plan (only a
 * cluster changes size; a child moves by being recreated in another cluster).
 */
public final class InvalidUpgradeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> childPlans = Members.planNames(offering.plans(), Member.PlanKind.CHILD);
        List<String> clusterPlans = Members.planNames(offering.plans(), Member.PlanKind.CLUSTER);
        for (Member.Upgrade upgrade : offering.members(Member.Upgrade.class)) {
            if (upgrade.from().value().equals(upgrade.to().value())) {
                reporter.error(upgrade.to(), "same-plan", upgrade.to().value());
                continue;
            }
            for (Name plan : List.of(upgrade.from(), upgrade.to())) {
                if (childPlans.contains(plan.value()) && !clusterPlans.contains(plan.value())) {
                    reporter.error(plan, "child-plan", plan.value());
                }
            }
        }
    }
}
