package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterOption;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code create_only} where nothing is ever updated with parameters: {@code cluster create},
 * {@code child} and {@code binding} parameters are only ever given at creation. A warning: the
 * option does nothing there, and suggests a misunderstanding.
 */
public final class RedundantCreateOnlyRule implements Rule {

    private static final Set<Member.ParameterScope> CREATE_ONLY_SCOPES = EnumSet.of(
            Member.ParameterScope.CLUSTER_CREATE, Member.ParameterScope.CHILD, Member.ParameterScope.BINDING);

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            if (CREATE_ONLY_SCOPES.contains(parameter.scope())) {
                parameter
                        .flag(ParameterOption.FlagKind.CREATE_ONLY)
                        .ifPresent(flag -> reporter.warning(
                                flag,
                                "",
                                parameter.decl().name(),
                                parameter
                                        .scope()
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', ' ')));
            }
        }
    }
}
