package io.dedicate.bundle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings a child plan gives its driver, in the order the offering wrote them: a {@code String}
 * for a {@link DriverSetting.Kind#TEXT} setting, a {@code Long} number of bytes for a {@link
 * DriverSetting.Kind#BYTES} one.
 */
public record DriverSettings(Map<DriverSetting, Object> values) {

    public static final DriverSettings NONE = new DriverSettings(Map.of());

    public DriverSettings {
        for (Map.Entry<DriverSetting, Object> entry : values.entrySet()) {
            Class<?> expected = entry.getKey().kind() == DriverSetting.Kind.TEXT ? String.class : Long.class;
            if (!expected.isInstance(entry.getValue())) {
                throw new IllegalArgumentException(
                        "driver setting " + entry.getKey().key() + " must be a " + expected.getSimpleName() + ", not "
                                + entry.getValue());
            }
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code setting}: a String or a Long (bytes); null when the plan does not set it. */
    public @Nullable Object get(DriverSetting setting) {
        return values.get(setting);
    }

    /** The value of a {@link DriverSetting.Kind#TEXT} setting, if set. */
    public Optional<String> text(DriverSetting setting) {
        return Optional.ofNullable(values.get(setting)).map(String.class::cast);
    }

    /** The value of a {@link DriverSetting.Kind#BYTES} setting in bytes, if set. */
    public Optional<Long> bytes(DriverSetting setting) {
        return Optional.ofNullable(values.get(setting)).map(Long.class::cast);
    }

    /** The keys of the settings the plan gives, in its order: {@code [quota, charset]}. */
    public List<String> keys() {
        return values.keySet().stream().map(DriverSetting::key).toList();
    }

    /** Whether the plan sets {@code setting}. */
    public boolean has(DriverSetting setting) {
        return values.containsKey(setting);
    }
}
