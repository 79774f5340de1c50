package io.dedicate.bundle.parameters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request's parameters after validation and normalisation: every parameter of the request's scope
 * that has a value (requested, kept or defaulted), in declaration order. Values are {@code String},
 * {@code Long} (integers, byte sizes in bytes, durations in seconds), {@code BigDecimal} (numbers) or
 * {@code Boolean}.
 *
 * @param values parameter name to value, in declaration order (unmodifiable)
 * @param secretNames names of the parameters whose values are secrets: never echoed, logged or shown
 */
public record ValidatedParameters(Map<String, Object> values, Set<String> secretNames) {

    /** What {@link #masked()} shows instead of a secret value. */
    public static final String MASK = "(secret)";

    public ValidatedParameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secretNames = Set.copyOf(secretNames);
    }

    /** Shows {@link #masked()}: a secret never reaches a log through this record. */
    @Override
    public String toString() {
        return "ValidatedParameters" + masked();
    }

    /** The values that are not secrets, in declaration order. */
    public Map<String, Object> publicValues() {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!secretNames.contains(name)) {
                result.put(name, value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** The secret values only, in declaration order (to be stored encrypted). */
    public Map<String, Object> secretValues() {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (secretNames.contains(name)) {
                result.put(name, value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** The values with every secret replaced by {@value #MASK}: what {@code GET} responses show. */
    public Map<String, Object> masked() {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((name, value) -> result.put(name, secretNames.contains(name) ? MASK : value));
        return Collections.unmodifiableMap(result);
    }
}
