package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import org.jspecify.annotations.Nullable;

/** A catalog plan: either a cluster plan (a dedicated cluster) or a child plan (inside a cluster). */
public sealed interface Plan extends FromSourceSpan permits ClusterPlan, ChildPlan {

    String name();

    /** Declared, or a name-based UUID derived from the offering and plan names. */
    String id();

    PlanMetadata metadata();

    /** OSB {@code maximum_polling_duration}, in seconds; null when the plan sets none. */
    @Nullable
    Long maxPollingSeconds();

    /** Cluster plans are never bindable; child plans always are. */
    boolean bindable();
}
