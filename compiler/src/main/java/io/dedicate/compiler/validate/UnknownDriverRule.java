package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.DriverKind;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;

/** A {@code driver} the broker does not implement ({@code delegate} and {@code mysql} exist). */
public final class UnknownDriverRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            for (PlanSetting.Driver driver : Members.ofKind(plan.settings(), PlanSetting.Driver.class)) {
                String name = driver.driver().value();
                if (DriverKind.named(name).isEmpty()) {
                    reporter.unknownName(driver.driver(), "", name, DriverKind.names());
                }
            }
        }
    }
}
