package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;

/**
 * An instance group without {@code networks} in a deployment without a default {@code network}.
 * BOSH requires a network for every group and has no default one; the name depends on the
 * platform's cloud config, so the compiler does not guess it.
 */
public final class MissingNetworkRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        if (!offering.deploymentSettings(DeploymentSetting.Network.class).isEmpty()) {
            return;
        }
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            if (Members.ofKind(group.settings(), GroupSetting.Networks.class).isEmpty()) {
                reporter.error(group.name(), "", group.name().value());
            }
        }
    }
}
