package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import java.util.Locale;

/**
 * {@code outputs.NAME} where outputs do not exist yet: outputs are what the deployment reports
 * when it is done, so only apps and hooks (which run after it) may use them; the manifest,
 * Terraform and other outputs are computed before.
 */
public final class MisplacedOutputReferenceRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            if (site.reference().root().value().equals(ReferenceRoot.OUTPUTS.word())
                    && !site.place().outputsAvailable()) {
                reporter.error(
                        site.reference(),
                        site.place().name().toLowerCase(Locale.ROOT),
                        site.reference().dotted());
            }
        }
    }
}
