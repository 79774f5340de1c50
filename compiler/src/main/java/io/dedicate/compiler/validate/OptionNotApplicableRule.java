package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.TypeRef;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A parameter option that does not apply to the parameter's type: {@code range} applies to
 * integers, numbers, byte sizes and durations; {@code length} and {@code pattern} to strings.
 * Reported at the option's keyword.
 */
public final class OptionNotApplicableRule implements Rule {

    private static final Set<TypeRef.Kind> RANGED =
            EnumSet.of(TypeRef.Kind.INTEGER, TypeRef.Kind.NUMBER, TypeRef.Kind.BYTES, TypeRef.Kind.DURATION);

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            TypeRef.Kind type = parameter.decl().type().kind();
            String typeName = type.name().toLowerCase(Locale.ROOT);
            for (ParameterOption option : parameter.decl().options()) {
                boolean applies;
                String variant;
                if (option instanceof ParameterOption.Range) {
                    applies = RANGED.contains(type);
                    variant = "range";
                } else if (option instanceof ParameterOption.Length || option instanceof ParameterOption.Pattern) {
                    applies = type == TypeRef.Kind.STRING;
                    variant = "string";
                } else {
                    continue;
                }
                if (!applies) {
                    String keyword = Keywords.of(option);
                    reporter.error(
                            Members.keyword(option, keyword),
                            variant,
                            keyword,
                            parameter.decl().name(),
                            typeName);
                }
            }
        }
    }
}
