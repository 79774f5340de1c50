package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import java.util.List;

/** An instance group {@code lifecycle} other than BOSH's {@code service} and {@code errand}. */
public final class UnknownLifecycleRule implements Rule {

    /** BOSH's instance group lifecycles. */
    public static final List<String> LIFECYCLES = List.of("service", "errand");

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (GroupSetting.Lifecycle lifecycle : Members.ofKind(group.settings(), GroupSetting.Lifecycle.class)) {
                String value = lifecycle.lifecycle().value();
                if (!LIFECYCLES.contains(value)) {
                    reporter.unknownName(lifecycle.lifecycle(), "", value, LIFECYCLES);
                }
            }
        }
    }
}
