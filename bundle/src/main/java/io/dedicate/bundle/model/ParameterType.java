package io.dedicate.bundle.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The type of a parameter or an output. {@link #BYTES} and {@link #DURATION} accept an integer
 * (bytes, seconds) or a string with a unit ({@code "2GB"}, {@code "5m"}, see {@link Quantity}) and
 * are normalised to a {@code Long}. {@link #GRANTS} is the type of the built-in {@link
 * BuiltInParameter#GRANTS} cluster parameter only: an array of {@code {"org": "...", "space":
 * "..."}} objects ({@code org} optional), names or GUIDs.
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

    /** What a value of this type measures, for {@link #BYTES} and {@link #DURATION}; null for the others. */
    public Quantity.@Nullable Dimension dimension() {
        return switch (this) {
            case BYTES -> Quantity.Dimension.BYTES;
            case DURATION -> Quantity.Dimension.DURATION;
            default -> null;
        };
    }
}
