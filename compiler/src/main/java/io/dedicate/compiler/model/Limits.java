package io.dedicate.compiler.model;

import org.jspecify.annotations.Nullable;

/** Quotas the broker enforces; null means unlimited. */
public record Limits(
        @Nullable Integer clustersPerOrg, @Nullable Integer childrenPerCluster) {

    public static final Limits NONE = new Limits(null, null);
}
