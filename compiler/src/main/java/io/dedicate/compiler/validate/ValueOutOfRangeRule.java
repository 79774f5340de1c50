package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ExpressionResolver;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.TypeRef;
import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A well-typed default or example that its own parameter would reject: outside its {@code
 * range}, a string outside its {@code length} or not matching its {@code pattern}, not one of the
 * {@code enum} values. The broker would apply a default the schema refuses. Reported at the value.
 */
public final class ValueOutOfRangeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            Value defaultValue = parameter.decl().defaultValue();
            if (defaultValue != null) {
                check(parameter, "default", defaultValue, reporter);
            }
            for (ParameterOption.Example example : parameter.options(ParameterOption.Example.class)) {
                check(parameter, "example", example.value(), reporter);
            }
        }
    }

    private static void check(Members.ScopedParameter parameter, String role, Value value, Reporter reporter) {
        ParameterDecl decl = parameter.decl();
        TypeRef.Kind type = decl.type().kind();
        if (!ParameterTyping.accepts(type, value)) {
            return;
        }
        String written = Members.written(value);
        if (type == TypeRef.Kind.ENUM) {
            Object json = json(value);
            boolean listed = decl.type().enumValues().stream().anyMatch(v -> sameJson(json(v), json));
            if (!listed) {
                String values =
                        decl.type().enumValues().stream().map(Members::written).collect(Collectors.joining(", "));
                reporter.error(value, "enum", role, written, decl.name(), values);
            }
            return;
        }
        Optional<BigDecimal> magnitude = ParameterTyping.magnitude(type, value);
        for (ParameterOption.Range range : parameter.options(ParameterOption.Range.class)) {
            Optional<BigDecimal> min = bound(type, range.min());
            Optional<BigDecimal> max = bound(type, range.max());
            boolean empty = min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0;
            if (magnitude.isPresent()
                    && !empty
                    && (min.filter(m -> magnitude.get().compareTo(m) < 0).isPresent()
                            || max.filter(m -> magnitude.get().compareTo(m) > 0).isPresent())) {
                reporter.error(value, "range", role, written, decl.name(), rangeText(range.min(), range.max()));
            }
        }
        if (!(value instanceof Value.Str string)) {
            return;
        }
        int length = string.value().codePointCount(0, string.value().length());
        for (ParameterOption.Length limits : parameter.options(ParameterOption.Length.class)) {
            Value.Num min = limits.min();
            Value.Num max = limits.max();
            boolean tooShort = min != null && BigDecimal.valueOf(length).compareTo(min.value()) < 0;
            boolean tooLong = max != null && BigDecimal.valueOf(length).compareTo(max.value()) > 0;
            boolean empty = min != null && max != null && min.value().compareTo(max.value()) > 0;
            if ((tooShort || tooLong) && !empty) {
                reporter.error(value, "length", role, written, decl.name(), rangeText(min, max), length);
            }
        }
        for (ParameterOption.Pattern pattern : parameter.options(ParameterOption.Pattern.class)) {
            try {
                if (!Pattern.compile(pattern.regex().value())
                        .matcher(string.value())
                        .find()) {
                    reporter.error(
                            value,
                            "pattern",
                            role,
                            written,
                            decl.name(),
                            pattern.regex().value());
                }
            } catch (PatternSyntaxException e) {
                // invalid-pattern reports it
            }
        }
    }

    private static Optional<BigDecimal> bound(TypeRef.Kind type, @Nullable Value bound) {
        return bound == null || !ParameterTyping.accepts(type, bound)
                ? Optional.empty()
                : ParameterTyping.magnitude(type, bound);
    }

    private static String rangeText(@Nullable Value min, @Nullable Value max) {
        return (min == null ? "" : Members.written(min)) + ".." + (max == null ? "" : Members.written(max));
    }

    private static Object json(Value value) {
        return value instanceof Value.Quantity q ? q.text() : ExpressionResolver.literal(value);
    }

    private static boolean sameJson(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(a, b);
    }
}
