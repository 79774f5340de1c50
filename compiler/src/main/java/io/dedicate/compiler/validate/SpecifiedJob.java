package io.dedicate.compiler.validate;

import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.JobSpec;
import io.dedicate.compiler.release.ReleaseSpec;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@code job X from R} of the deployment whose release R has specs given, with those specs. */
record SpecifiedJob(GroupSetting.Job job, ReleaseSpec release) {

    /** The spec of job X in R's specs, if R has such a job. */
    Optional<JobSpec> spec() {
        return release.job(job.name().value());
    }

    /** Every job of every instance group of {@code offering} whose release has specs, in the order written. */
    static List<SpecifiedJob> of(ExpandedOffering offering, ReleaseSpecCatalog catalog) {
        List<Member.Release> releases = offering.members(Member.Release.class);
        List<SpecifiedJob> jobs = new ArrayList<>();
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (GroupSetting.Job job : Members.ofKind(group.settings(), GroupSetting.Job.class)) {
                catalog.specOf(job.release().value(), releases)
                        .ifPresent(release -> jobs.add(new SpecifiedJob(job, release)));
            }
        }
        return jobs;
    }
}
