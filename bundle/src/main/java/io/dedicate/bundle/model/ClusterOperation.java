package io.dedicate.bundle.model;

import java.util.Locale;

/** A lifecycle operation of a cluster, which errands and hooks are triggered around. */
public enum ClusterOperation {
    DEPLOY,
    UPDATE,
    RECREATE,
    UPGRADE,
    DELETE;

    /** The operation as model.json and the language write it: {@code deploy}, ... */
    public String modelKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
