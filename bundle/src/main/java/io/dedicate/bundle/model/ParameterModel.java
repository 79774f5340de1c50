package io.dedicate.bundle.model;

import java.math.BigDecimal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of one request scope, as model.json declares it.
 *
 * @param whenAbsent what a request that leaves it out means
 * @param writtenDefault the default as model.json writes it, as the offering wrote it: a {@code
 *     String} ({@code "1GB"} for a byte size), {@code Long}, {@code BigDecimal} or {@code Boolean};
 *     null for none. {@link #defaultValue()} is its normalised form.
 */
public record ParameterModel(
        String name,
        ParameterType type,
        ParameterFlags flags,
        WhenAbsent whenAbsent,
        @Nullable Object writtenDefault,
        ParameterConstraints constraints) {

    /** A built-in parameter ({@link ParameterFlags#builtIn()}), applied when absent, with no constraint. */
    public static ParameterModel builtIn(BuiltInParameter parameter) {
        return new ParameterModel(
                parameter.parameterName(),
                parameter.type(),
                new ParameterFlags(parameter.required(), false, false, true),
                WhenAbsent.DEFAULT,
                parameter.defaultValue(),
                ParameterConstraints.NONE);
    }

    /**
     * The default normalised as a request value would be: {@code Long} for integers, byte sizes
     * (bytes: {@code "1GB"} becomes {@code 1073741824L}) and durations (seconds), {@code BigDecimal}
     * for numbers, {@code Boolean}, {@code String}; null for none.
     *
     * @throws IllegalStateException if the default does not fit the type (the reader refuses such a model)
     */
    public @Nullable Object defaultValue() {
        if (writtenDefault == null) {
            return null;
        }
        return normalise(type, writtenDefault)
                .orElseThrow(() -> new IllegalStateException(
                        "parameter " + name + ": default " + writtenDefault + " is not a " + type.modelKey()));
    }

    /**
     * {@code written} (a JSON scalar: String, Long, BigDecimal, Boolean) normalised as a value of
     * {@code type}; empty when it is not one.
     */
    static Optional<Object> normalise(ParameterType type, Object written) {
        return switch (type) {
            case STRING, ENUM -> written instanceof String ? Optional.of(written) : Optional.empty();
            case BOOLEAN -> written instanceof Boolean ? Optional.of(written) : Optional.empty();
            case INTEGER -> written instanceof Long ? Optional.of(written) : Optional.empty();
            case NUMBER -> {
                if (written instanceof Long whole) {
                    yield Optional.of(BigDecimal.valueOf(whole));
                }
                yield written instanceof BigDecimal ? Optional.of(written) : Optional.empty();
            }
            case BYTES, DURATION -> {
                if (written instanceof Long) {
                    yield Optional.of(written);
                }
                Quantity.Dimension dimension = type.dimension();
                if (written instanceof String text && dimension != null) {
                    yield Quantity.parse(text, dimension)
                            .flatMap(Quantity::wholeBase)
                            .map(Object.class::cast);
                }
                yield Optional.empty();
            }
            // the built-in grants have no default: every cluster starts shared with no other space
            case GRANTS -> Optional.empty();
        };
    }
}
