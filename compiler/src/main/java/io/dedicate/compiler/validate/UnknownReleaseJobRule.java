package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.ReleaseSpec;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import java.util.List;
import java.util.Optional;

/**
 * {@code job X from R} where the specs of release R have no job X: the BOSH director refuses the
 * manifest. Only releases whose specs are given are checked.
 */
public final class UnknownReleaseJobRule implements Rule {

    private final ReleaseSpecCatalog catalog;

    public UnknownReleaseJobRule(ReleaseSpecCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<Member.Release> releases = offering.members(Member.Release.class);
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (GroupSetting.Job job : Members.ofKind(group.settings(), GroupSetting.Job.class)) {
                Optional<ReleaseSpec> spec = catalog.specOf(job.release().value(), releases);
                if (spec.isPresent() && spec.get().job(job.name().value()).isEmpty()) {
                    reporter.unknownName(
                            job.name(),
                            "",
                            job.name().value(),
                            spec.get().jobs().keySet(),
                            job.release().value(),
                            spec.get().source());
                }
            }
        }
    }
}
