package io.dedicate.compiler.validate;

import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What instance groups take from the cluster plan when they do not fix it themselves. */
final class PlanSizing {

    private PlanSizing() {}

    /**
     * The cluster plans without a {@code planSetting}, each with the groups (as {@code `a`, `b`})
     * that have no {@code groupSetting} of their own and so would take the plan's missing value.
     */
    static Map<Member.Plan, String> groupsLeftWithout(
            ExpandedOffering offering,
            Class<? extends GroupSetting> groupSetting,
            Class<? extends PlanSetting> planSetting) {
        List<DeploymentSetting.InstanceGroup> fromPlan = offering.instanceGroups().stream()
                .filter(g -> Members.ofKind(g.settings(), groupSetting).isEmpty())
                .toList();
        Map<Member.Plan, String> missing = new LinkedHashMap<>();
        if (fromPlan.isEmpty()) {
            return missing;
        }
        String groups =
                Members.groupNames(fromPlan).stream().map(g -> "`" + g + "`").collect(Collectors.joining(", "));
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() == Member.PlanKind.CLUSTER
                    && Members.ofKind(plan.settings(), planSetting).isEmpty()) {
                missing.put(plan, groups);
            }
        }
        return missing;
    }
}
