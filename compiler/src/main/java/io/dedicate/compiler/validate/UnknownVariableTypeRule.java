package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import java.util.List;

/** A BOSH {@code variable} type the director cannot generate. */
public final class UnknownVariableTypeRule implements Rule {

    /** The types of variables BOSH's config server generates. */
    public static final List<String> TYPES = List.of("password", "certificate", "ssh", "rsa", "user");

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (DeploymentSetting.Variable variable : offering.variables()) {
            String type = variable.type().value();
            if (!TYPES.contains(type)) {
                reporter.unknownName(variable.type(), "", type, TYPES, variable.name());
            }
        }
    }
}
