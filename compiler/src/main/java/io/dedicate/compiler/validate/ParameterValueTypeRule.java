package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Messages;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.TypeRef;
import io.dedicate.dsl.ast.Value;

/**
 * A default, example or range bound whose kind does not fit the parameter's type: {@code
 * max_connections : integer = "many"}, {@code audit_log : boolean = 1}, {@code size : bytes range
 * "1"..}. Reported at the value. Quantities with a wrong unit are {@code invalid-quantity}.
 */
public final class ParameterValueTypeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            ParameterDecl decl = parameter.decl();
            TypeRef.Kind type = decl.type().kind();
            String expected = Messages.catalogue().format(ParameterTyping.messageKey(type));
            Value defaultValue = decl.defaultValue();
            if (defaultValue != null && !ParameterTyping.accepts(type, defaultValue)) {
                reporter.error(defaultValue, "default", Members.written(defaultValue), decl.name(), expected);
            }
            for (ParameterOption.Example example : parameter.options(ParameterOption.Example.class)) {
                if (!ParameterTyping.accepts(type, example.value())) {
                    reporter.error(example.value(), "example", Members.written(example.value()), decl.name(), expected);
                }
            }
            if (type == TypeRef.Kind.STRING || type == TypeRef.Kind.BOOLEAN || type == TypeRef.Kind.ENUM) {
                continue;
            }
            for (ParameterOption.Range range : parameter.options(ParameterOption.Range.class)) {
                for (Value bound : java.util.Arrays.asList(range.min(), range.max())) {
                    if (bound != null && !ParameterTyping.accepts(type, bound)) {
                        reporter.error(bound, "bound", Members.written(bound), decl.name(), expected);
                    }
                }
            }
        }
    }
}
