package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Text;
import java.util.regex.Pattern;

/**
 * An offering version that is not a semantic version ({@code 1.4.0}, {@code 2.0.0-rc.1}). It
 * becomes OSB {@code maintenance_info.version}, which must be one; its build metadata is derived
 * from the releases and stemcell, so the offering may not write its own.
 */
public final class InvalidVersionRule implements Rule {

    private static final String NUMBER = "(0|[1-9][0-9]*)";
    private static final String PRE_RELEASE_ID = "(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";

    /** {@code MAJOR.MINOR.PATCH[-PRERELEASE]}, without build metadata. */
    static final Pattern SEMVER = Pattern.compile(
            NUMBER + "\\." + NUMBER + "\\." + NUMBER + "(-" + PRE_RELEASE_ID + "(\\." + PRE_RELEASE_ID + ")*)?");

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        Text version = offering.ast().version();
        String written = version.value();
        if (written.contains("+")
                && SEMVER.matcher(written.substring(0, written.indexOf('+'))).matches()) {
            reporter.error(version, "build", written);
        } else if (!SEMVER.matcher(written).matches()) {
            reporter.error(version, "", written);
        }
    }
}
