package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Name;
import java.util.List;

/** {@code outputs.NAME} naming no declared output (fragments often expect the includer's). */
public final class UnknownOutputRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> outputs = offering.outputs().stream()
                .map(o -> o.name().value())
                .distinct()
                .toList();
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            if (site.reference().root().value().equals(ReferenceRoot.OUTPUTS.word())) {
                Name name = site.reference().path().get(1);
                if (!outputs.contains(name.value())) {
                    reporter.unknownName(name, "", name.value(), outputs);
                }
            }
        }
    }
}
