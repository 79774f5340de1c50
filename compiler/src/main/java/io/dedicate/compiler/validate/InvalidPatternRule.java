package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.ParameterOption;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code pattern} that is not a regular expression. JSON Schema patterns are ECMA 262; they are
 * compiled here with {@link java.util.regex}, which agrees on everything but exotic constructs.
 */
public final class InvalidPatternRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            for (ParameterOption.Pattern pattern : parameter.options(ParameterOption.Pattern.class)) {
                try {
                    Pattern.compile(pattern.regex().value());
                } catch (PatternSyntaxException e) {
                    reporter.error(
                            pattern.regex(),
                            "",
                            pattern.regex().value(),
                            parameter.decl().name(),
                            e.getDescription(),
                            e.getIndex());
                }
            }
        }
    }
}
