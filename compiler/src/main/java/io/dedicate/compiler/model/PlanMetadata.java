package io.dedicate.compiler.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the catalog shows of a plan.
 *
 * @param free OSB {@code free}; true unless the plan says {@code free false} or has costs
 */
public record PlanMetadata(
        String description, @Nullable String displayName, boolean free, List<Cost> costs, List<String> bullets) {

    public PlanMetadata {
        costs = List.copyOf(costs);
        bullets = List.copyOf(bullets);
    }
}
