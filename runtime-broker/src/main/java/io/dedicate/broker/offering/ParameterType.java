package io.dedicate.broker.offering;

import java.util.Locale;

/**
 * The type of a parameter. {@link #BYTES} and {@link #DURATION} accept an integer (bytes, seconds) or
 * a string with a unit ({@code "2GB"}, {@code "5m"}) and are normalised to a {@code Long}. {@link #GRANTS} is the
 * type of the built-in {@code grants} cluster parameter only: an array of {@code {"org": "...", "space": "..."}}
 * objects ({@code org} optional), normalised to a {@code List} of {@code Map}s of strings.
 */
public enum ParameterType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    ENUM,
    BYTES,
    DURATION,
    GRANTS;

    /** The type as model.json writes it: {@code string}, {@code bytes}, ... */
    public String modelKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
