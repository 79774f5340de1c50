package io.dedicate.compiler.model;

import io.dedicate.dsl.SourceSpan;
import org.jspecify.annotations.Nullable;

/**
 * A plan whose instances live inside a dedicated cluster (a database in a MySQL cluster). Always
 * bindable; needs the {@code cluster} parameter; created and bound by its {@link Driver}.
 */
public record ChildPlan(
        String name,
        String id,
        PlanMetadata metadata,
        Driver driver,
        @Nullable Long maxPollingSeconds,
        SourceSpan span) implements Plan {

    @Override
    public boolean bindable() {
        return true;
    }
}
