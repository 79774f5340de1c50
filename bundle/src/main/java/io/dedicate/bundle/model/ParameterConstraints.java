package io.dedicate.bundle.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The values a parameter accepts besides its type; null where the offering sets no constraint.
 *
 * @param minimum a {@code Long} or a {@code BigDecimal}; in bytes for {@link ParameterType#BYTES},
 *     seconds for {@link ParameterType#DURATION}. For those two the broker checks the range after
 *     normalising (the schema can bound only the integer form).
 * @param maximum same as {@code minimum}
 * @param pattern for byte sizes and durations, the accepted string form
 * @param enumValues the values of an {@link ParameterType#ENUM}, as JSON values ({@code String},
 *     {@code Long}, {@code BigDecimal}, {@code Boolean}) in declaration order; null for other types.
 *     The reader accepts strings only: they are all the broker can compare a request value with.
 */
public record ParameterConstraints(
        @Nullable Number minimum,
        @Nullable Number maximum,
        @Nullable Integer minLength,
        @Nullable Integer maxLength,
        @Nullable String pattern,
        @Nullable List<Object> enumValues) {

    /** No constraint at all. */
    public static final ParameterConstraints NONE = new ParameterConstraints(null, null, null, null, null, null);

    public ParameterConstraints {
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }
}
