package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import java.util.List;

/** {@code job X from R} with R no declared {@code release}: BOSH could not find the job. */
public final class UnknownReleaseRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> releases = offering.members(Member.Release.class).stream()
                .map(r -> r.name().value())
                .distinct()
                .toList();
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (GroupSetting.Job job : Members.ofKind(group.settings(), GroupSetting.Job.class)) {
                if (!releases.contains(job.release().value())) {
                    reporter.unknownName(job.release(), "", job.release().value(), releases, job.name());
                }
            }
        }
    }
}
