package io.dedicate.compiler.diff;

import java.util.Locale;

/** What a change means for the instances that already exist. */
public enum Impact {
    /** Existing instances, or the requests and scripts that manage them, may fail or change unannounced. */
    BREAKING,
    /** Existing instances and their requests keep working. */
    COMPATIBLE;

    /** {@code breaking} or {@code compatible}, as printed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
