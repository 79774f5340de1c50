package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.Value;

/**
 * A {@code secret} parameter with a default: every instance created without the parameter would
 * share the same secret, written in clear in the offering (the schema leaves secret defaults out,
 * but the broker applies them). A warning, reported at the default.
 */
public final class SecretWithDefaultRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            Value defaultValue = parameter.decl().defaultValue();
            if (defaultValue != null
                    && parameter.flag(ParameterOption.FlagKind.SECRET).isPresent()) {
                reporter.warning(defaultValue, "", parameter.decl().name());
            }
        }
    }
}
