package io.dedicate.bundle.model;

import org.jspecify.annotations.Nullable;

/** Quotas of an offering the broker enforces; null means unlimited. */
public record Limits(
        @Nullable Integer clustersPerOrg, @Nullable Integer childrenPerCluster) {}
