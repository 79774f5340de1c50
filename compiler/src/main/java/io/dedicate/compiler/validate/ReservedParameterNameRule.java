package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import java.util.List;

/**
 * A parameter named like a built-in ({@link BuiltInParameter}): a {@code child} one named {@code cluster}, {@code
 * cluster-org} or {@code cluster-space} (every child plan already takes them to find its cluster),
 * or a {@code cluster} / {@code cluster update} one named {@code recreate} (every cluster update
 * takes it to recreate the VMs), or, in an offering that shares clusters ({@code sharing across
 * spaces|orgs}), a {@code cluster} / {@code cluster create} / {@code cluster update} one named
 * {@code grants} (every such cluster takes it to list the spaces it is shared with).
 */
public final class ReservedParameterNameRule implements Rule {

    private static final List<String> RESERVED =
            BuiltInParameter.CHILD.stream().map(BuiltInParameter::parameterName).toList();

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        boolean shares = offering.members(Member.Sharing.class).stream()
                .anyMatch(sharing -> sharing.scope() != Member.SharingScope.NONE);
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            String name = parameter.decl().name().value();
            if (parameter.scope() == Member.ParameterScope.CHILD && RESERVED.contains(name)) {
                reporter.error(parameter.decl().name(), "", name, String.join(", ", RESERVED));
            }
            boolean updatable = parameter.scope() == Member.ParameterScope.CLUSTER
                    || parameter.scope() == Member.ParameterScope.CLUSTER_UPDATE;
            if (updatable && name.equals(BuiltInParameter.RECREATE.parameterName())) {
                reporter.error(parameter.decl().name(), "recreate", name);
            }
            boolean cluster = updatable || parameter.scope() == Member.ParameterScope.CLUSTER_CREATE;
            if (cluster && shares && name.equals(BuiltInParameter.GRANTS.parameterName())) {
                reporter.error(parameter.decl().name(), "grants", name);
            }
        }
    }
}
