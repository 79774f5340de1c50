package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.ast.GroupSetting;

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
        for (SpecifiedJob specified : SpecifiedJob.of(offering, catalog)) {
            if (specified.spec().isEmpty()) {
                GroupSetting.Job job = specified.job();
                reporter.unknownName(
                        job.name(),
                        "",
                        job.name().value(),
                        specified.release().jobs().keySet(),
                        job.release().value(),
                        specified.release().source());
            }
        }
    }
}
