package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterOption;

/**
 * {@code create_only} on a {@code cluster update parameters} parameter: such a parameter is only
 * accepted on update, and {@code create_only} rejects it there, so nobody could ever pass it.
 */
public final class CreateOnlyInUpdateScopeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            if (parameter.scope() == Member.ParameterScope.CLUSTER_UPDATE) {
                parameter
                        .flag(ParameterOption.FlagKind.CREATE_ONLY)
                        .ifPresent(flag ->
                                reporter.error(flag, "", parameter.decl().name()));
            }
        }
    }
}
