package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A typed parameter in one scope.
 *
 * @param defaultValue the default as JSON: String, Long, BigDecimal or Boolean; byte sizes and
 *     durations keep their written form ({@code "1GB"}, {@code "10s"}), which the schema accepts
 * @param example same representation as the default
 * @param minimum lower bound: the number itself, bytes for BYTES, seconds for DURATION
 * @param maximum upper bound, same units as {@code minimum}
 * @param enumValues allowed values of an ENUM, as JSON values, in source order
 * @param builtIn true for the parameters every child plan gets ({@code cluster}, {@code
 *     cluster-org}, {@code cluster-space})
 */
public record Parameter(
        String name,
        ParameterType type,
        @Nullable Object defaultValue,
        @Nullable String description,
        @Nullable Object example,
        boolean createOnly,
        boolean secret,
        boolean required,
        @Nullable BigDecimal minimum,
        @Nullable BigDecimal maximum,
        @Nullable Integer minLength,
        @Nullable Integer maxLength,
        @Nullable String pattern,
        List<Object> enumValues,
        boolean builtIn,
        SourceSpan span)
        implements FromSourceSpan {

    public Parameter {
        enumValues = List.copyOf(enumValues);
    }
}
