package io.dedicate.compiler.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The size of a cluster plan's deployment.
 *
 * @param instances instance count per (non-errand) instance group, in the deployment's group order
 * @param vmType VM type of the groups that do not fix their own
 * @param diskMb persistent disk, in MB, of the groups that do not fix their own; null for none
 * @param azs availability zones of the groups that do not fix their own
 */
public record Sizing(
        Map<String, Integer> instances,
        @Nullable String vmType,
        @Nullable Integer diskMb,
        List<String> azs) {

    public Sizing {
        instances = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(instances));
        azs = List.copyOf(azs);
    }
}
