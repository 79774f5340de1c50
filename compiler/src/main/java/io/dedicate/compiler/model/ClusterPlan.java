package io.dedicate.compiler.model;

import io.dedicate.dsl.SourceSpan;
import org.jspecify.annotations.Nullable;

/**
 * A plan whose instances are dedicated clusters: provisioning renders and commits the cluster's
 * pipeline; never bindable.
 *
 * @param planUpdateable OSB plan-level {@code plan_updateable}; null to inherit the service's
 */
public record ClusterPlan(
        String name,
        String id,
        PlanMetadata metadata,
        Sizing sizing,
        @Nullable Long maxPollingSeconds,
        @Nullable Boolean planUpdateable,
        SourceSpan span)
        implements Plan {

    @Override
    public boolean bindable() {
        return false;
    }
}
