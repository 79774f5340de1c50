package io.dedicate.bundle.model;

import java.util.Locale;

/** What a plan provisions: a dedicated cluster, or a child (a database...) inside an existing cluster. */
public enum PlanKind {
    /** A dedicated cluster: asynchronous, not bindable, deployed by pipelines. */
    CLUSTER,
    /** Something created inside a cluster by the plan's driver; bindable. */
    CHILD;

    /** The kind as model.json writes it: {@code cluster} or {@code child}. */
    public String modelKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
