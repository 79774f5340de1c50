package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.ParameterOption;

/** {@code required} on a parameter with a default: the default never applies. A warning. */
public final class RequiredWithDefaultRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            if (parameter.decl().defaultValue() != null) {
                parameter
                        .flag(ParameterOption.FlagKind.REQUIRED)
                        .ifPresent(flag ->
                                reporter.warning(flag, "", parameter.decl().name()));
            }
        }
    }
}
