package io.dedicate.bundle.model;

import java.util.Locale;

/** What a request that leaves a parameter out means. */
public enum WhenAbsent {
    /** Apply the parameter's default, if it has one. */
    DEFAULT,
    /** Keep the instance's current value (updates of a parameter the cluster already has). */
    KEEP;

    /** The value as model.json writes it: {@code default} or {@code keep}. */
    public String modelKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
