package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import java.util.List;

/** An {@code upgrade} naming a plan the offering does not declare. */
public final class UnknownPlanRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> plans =
                offering.plans().stream().map(p -> p.name().value()).distinct().toList();
        for (Member.Upgrade upgrade : offering.members(Member.Upgrade.class)) {
            for (Name plan : List.of(upgrade.from(), upgrade.to())) {
                if (!plans.contains(plan.value())) {
                    reporter.unknownName(plan, "", plan.value(), plans);
                }
            }
        }
    }
}
