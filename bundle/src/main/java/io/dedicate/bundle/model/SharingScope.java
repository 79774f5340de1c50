package io.dedicate.bundle.model;

import java.util.Locale;

/** Where children of a cluster may come from. */
public enum SharingScope {
    /** Only the cluster's own space. */
    NONE,
    /** Other spaces of the cluster's org. */
    SPACES,
    /** Any space of any org. */
    ORGS;

    /** The scope as model.json writes it: {@code none}, {@code spaces} or {@code orgs}. */
    public String modelKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
