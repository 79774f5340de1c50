package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;

/**
 * Sizing ({@code instances}, {@code vm_type}, {@code disk}, {@code azs}) in a child plan: a child
 * lives inside a cluster and has no VMs of its own; the cluster plan sizes them.
 */
public final class ClusterOnlySettingRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CHILD) {
                continue;
            }
            for (PlanSetting setting : plan.settings()) {
                if (setting instanceof PlanSetting.Instances
                        || setting instanceof PlanSetting.VmType
                        || setting instanceof PlanSetting.Disk
                        || setting instanceof PlanSetting.Azs) {
                    String keyword = Keywords.of(setting);
                    reporter.error(Members.keyword(setting, keyword), "", keyword, plan.name());
                }
            }
        }
    }
}
