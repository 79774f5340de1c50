package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import java.util.List;

/**
 * {@code params.NAME} naming no cluster parameter ({@code cluster}, {@code cluster create} or
 * {@code cluster update} scope). Child and binding parameters belong to children, not to the
 * cluster's deployment, so they cannot be referenced either.
 */
public final class UnknownParameterRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<String> cluster = Members.parameters(offering).stream()
                .filter(p -> p.scope() == Member.ParameterScope.CLUSTER
                        || p.scope() == Member.ParameterScope.CLUSTER_CREATE
                        || p.scope() == Member.ParameterScope.CLUSTER_UPDATE)
                .map(p -> p.decl().name().value())
                .distinct()
                .toList();
        List<String> others = Members.parameters(offering).stream()
                .map(p -> p.decl().name().value())
                .filter(name -> !cluster.contains(name))
                .toList();
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            if (!site.reference().root().value().equals(ReferenceRoot.PARAMS.word())) {
                continue;
            }
            Name name = site.reference().path().get(1);
            if (cluster.contains(name.value())) {
                continue;
            }
            if (others.contains(name.value())) {
                reporter.error(name, "not-cluster", name.value());
            } else {
                reporter.unknownName(name, "", name.value(), cluster);
            }
        }
    }
}
