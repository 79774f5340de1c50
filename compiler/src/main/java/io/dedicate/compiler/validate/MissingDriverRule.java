package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.DriverKind;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;

/** A child plan without {@code driver}: the broker would not know how to create its instances. */
public final class MissingDriverRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() == Member.PlanKind.CHILD
                    && Members.ofKind(plan.settings(), PlanSetting.Driver.class).isEmpty()) {
                reporter.error(plan.name(), "", plan.name(), String.join(", ", DriverKind.names()));
            }
        }
    }
}
