package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ModelBuilder;
import io.dedicate.dsl.ast.Member;
import java.util.List;

/**
 * A {@code child} parameter named like a built-in ({@code cluster}, {@code cluster-org}, {@code
 * cluster-space}): every child plan already takes them to find its cluster.
 */
public final class ReservedParameterNameRule implements Rule {

    private static final List<String> RESERVED =
            ModelBuilder.CHILD_BUILT_INS.stream().map(p -> p.name()).toList();

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            String name = parameter.decl().name().value();
            if (parameter.scope() == Member.ParameterScope.CHILD && RESERVED.contains(name)) {
                reporter.error(parameter.decl().name(), "", name, String.join(", ", RESERVED));
            }
        }
    }
}
