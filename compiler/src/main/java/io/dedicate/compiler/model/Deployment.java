package io.dedicate.compiler.model;

import java.util.List;
import java.util.Map;

/**
 * The BOSH deployment of one cluster.
 *
 * @param name the deployment name (default {@code "<offering>-${instance.id}"})
 * @param network default network of every group that does not list its own; null if none declared
 * @param update the BOSH update block, in source order (Long, String, Boolean values)
 */
public record Deployment(
        Expression name,
        @org.jspecify.annotations.Nullable String network,
        Map<String, Object> update,
        List<InstanceGroup> instanceGroups,
        List<Variable> variables) {

    public Deployment {
        update = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(update));
        instanceGroups = List.copyOf(instanceGroups);
        variables = List.copyOf(variables);
    }
}
