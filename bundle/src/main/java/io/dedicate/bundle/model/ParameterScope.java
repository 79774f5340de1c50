package io.dedicate.bundle.model;

import java.util.Locale;

/** The OSB request a list of parameters belongs to, as model.json groups them. */
public enum ParameterScope {
    CLUSTER_CREATE,
    CLUSTER_UPDATE,
    CHILD_CREATE,
    BINDING_CREATE;

    /** The key of this scope under an offering's {@code parameters} in model.json: {@code cluster_create}, ... */
    public String modelKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
