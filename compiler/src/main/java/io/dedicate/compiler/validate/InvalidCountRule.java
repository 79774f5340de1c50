package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A count that is not a whole number in its range: instance counts (at least 0; an app needs at
 * least 1), {@code length} bounds (at least 0), and a negative {@code cost}. Reported at the number.
 */
public final class InvalidCountRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            for (PlanSetting setting : plan.settings()) {
                if (setting instanceof PlanSetting.Instances instances) {
                    instances.counts().forEach(c -> whole(c.count(), 0, reporter));
                } else if (setting instanceof PlanSetting.Cost cost
                        && cost.amount().value().signum() < 0) {
                    reporter.error(cost.amount(), "cost", cost.amount().text());
                }
            }
        }
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            Members.ofKind(group.settings(), GroupSetting.Instances.class).forEach(i -> whole(i.count(), 0, reporter));
        }
        for (Member.App app : offering.members(Member.App.class)) {
            Members.ofKind(app.settings(), AppSetting.Instances.class).forEach(i -> whole(i.count(), 1, reporter));
        }
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            for (ParameterOption.Length length : parameter.options(ParameterOption.Length.class)) {
                whole(length.min(), 0, reporter);
                whole(length.max(), 0, reporter);
            }
        }
    }

    private static void whole(Value.@Nullable Num number, int minimum, Reporter reporter) {
        if (number == null) {
            return;
        }
        BigDecimal value = number.value();
        boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        if (!whole
                || value.compareTo(BigDecimal.valueOf(minimum)) < 0
                || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            reporter.error(number, "", number.text(), minimum);
        }
    }
}
