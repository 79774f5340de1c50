package io.dedicate.broker.offering;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of one request scope, as model.json declares it.
 *
 * @param builtIn a parameter the broker itself defines ({@code cluster}, {@code recreate}), not the offering
 * @param whenAbsent what a request that leaves it out means
 * @param defaultValue normalised like a request value: {@code Long} for integers, byte sizes (bytes) and
 *     durations (seconds), {@code BigDecimal} for numbers, {@code Boolean}, {@code String}; null for none
 * @param minimum in bytes for {@link ParameterType#BYTES}, seconds for {@link ParameterType#DURATION}
 * @param pattern for byte sizes and durations, the accepted string form
 */
public record ParameterModel(
        String name,
        ParameterType type,
        boolean required,
        boolean createOnly,
        boolean secret,
        boolean builtIn,
        WhenAbsent whenAbsent,
        @Nullable Object defaultValue,
        @Nullable Number minimum,
        @Nullable Number maximum,
        @Nullable Integer minLength,
        @Nullable Integer maxLength,
        @Nullable String pattern,
        @Nullable List<String> enumValues) {

    public ParameterModel {
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }
}
