package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.PlanSetting;

/**
 * A cluster plan without {@code vm_type} while instance groups take their VM type from the plan
 * (they fix no {@code vm_type} of their own): the manifest would say {@code vm_type: null}, which
 * BOSH rejects. Reported once per plan, at its name, listing the groups.
 */
public final class MissingVmTypeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        PlanSizing.groupsLeftWithout(offering, GroupSetting.VmType.class, PlanSetting.VmType.class)
                .forEach((plan, groups) -> reporter.error(plan.name(), "", plan.name(), groups));
    }
}
