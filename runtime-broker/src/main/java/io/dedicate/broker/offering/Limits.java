package io.dedicate.broker.offering;

import org.jspecify.annotations.Nullable;

/** Quotas of an offering; null means unlimited. */
public record Limits(
        @Nullable Integer clustersPerOrg, @Nullable Integer childrenPerCluster) {}
