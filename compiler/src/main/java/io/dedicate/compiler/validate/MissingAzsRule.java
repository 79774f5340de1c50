package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.PlanSetting;

/**
 * A cluster plan without {@code azs} while instance groups take their availability zones from the
 * plan (they fix no {@code azs} of their own): the manifest would say {@code azs: []}, which BOSH
 * rejects. Errand groups count too: they are rendered the same way. Reported once per plan, at its
 * name, listing the groups.
 */
public final class MissingAzsRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        PlanSizing.groupsLeftWithout(offering, GroupSetting.Azs.class, PlanSetting.Azs.class)
                .forEach((plan, groups) -> reporter.error(plan.name(), "", plan.name(), groups, "z1"));
    }
}
