package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.ast.Member;
import java.util.Objects;

/**
 * Specs named for a release that cannot be read: a {@code specs} path that does not exist, a file
 * that is no release tarball, a folder without {@code jobs/JOB/spec}, a malformed spec. Reported at
 * the {@code specs} member, or at the release when the path came from the command line.
 */
public final class ReleaseSpecsUnreadableRule implements Rule {

    private final ReleaseSpecCatalog catalog;

    public ReleaseSpecsUnreadableRule(ReleaseSpecCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Release release : offering.members(Member.Release.class)) {
            if (catalog.lookup(release) instanceof ReleaseSpecCatalog.Lookup.Failed failed) {
                if (failed.fromCommandLine()) {
                    reporter.error(
                            release.name(), "command-line", release.name().value(), failed.message());
                } else {
                    reporter.error(
                            Objects.requireNonNull(release.specs()),
                            "",
                            release.name().value(),
                            failed.message());
                }
            }
        }
    }
}
