package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Name;

/**
 * A reference whose first segment is none of {@code params}, {@code plan}, {@code instance},
 * {@code deployment}, {@code vars}, {@code outputs}.
 */
public final class UnknownReferenceRootRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            Name root = site.reference().root();
            if (ReferenceRoot.named(root.value()).isEmpty()) {
                reporter.unknownName(
                        root,
                        "",
                        root.value(),
                        ReferenceRoot.words(),
                        site.reference().dotted());
            }
        }
    }
}
