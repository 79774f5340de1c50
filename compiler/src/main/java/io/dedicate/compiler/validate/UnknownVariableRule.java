package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Name;
import java.util.List;

/** {@code vars.NAME} naming no {@code variable} of the deployment. */
public final class UnknownVariableRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> variables = offering.variables().stream()
                .map(v -> v.name().value())
                .distinct()
                .toList();
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            if (site.reference().root().value().equals(ReferenceRoot.VARS.word())) {
                Name name = site.reference().path().get(1);
                if (!variables.contains(name.value())) {
                    reporter.unknownName(name, "", name.value(), variables);
                }
            }
        }
    }
}
