package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.TypeRef;
import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;
import java.util.Optional;

/** A {@code range} or {@code length} whose minimum is above its maximum: no value would do. */
public final class EmptyRangeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            TypeRef.Kind type = parameter.decl().type().kind();
            for (ParameterOption.Range range : parameter.options(ParameterOption.Range.class)) {
                Value min = range.min();
                Value max = range.max();
                if (min == null || max == null) {
                    continue;
                }
                Optional<BigDecimal> low = ParameterTyping.magnitude(type, min);
                Optional<BigDecimal> high = ParameterTyping.magnitude(type, max);
                if (low.isPresent() && high.isPresent() && low.get().compareTo(high.get()) > 0) {
                    reporter.error(
                            range,
                            "",
                            "range",
                            Members.written(min),
                            Members.written(max),
                            parameter.decl().name());
                }
            }
            for (ParameterOption.Length length : parameter.options(ParameterOption.Length.class)) {
                Value.Num min = length.min();
                Value.Num max = length.max();
                if (min != null && max != null && min.value().compareTo(max.value()) > 0) {
                    reporter.error(
                            length,
                            "",
                            "length",
                            min.text(),
                            max.text(),
                            parameter.decl().name());
                }
            }
        }
    }
}
