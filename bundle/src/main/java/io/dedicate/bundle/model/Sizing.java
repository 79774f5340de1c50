package io.dedicate.bundle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The size of a cluster plan: instance count per instance group (in the offering's order), the VM
 * type and persistent disk (MB) of the groups that do not fix their own, and the availability zones.
 */
public record Sizing(
        Map<String, Integer> instances,
        @Nullable String vmType,
        @Nullable Integer diskMb,
        List<String> azs) {

    public Sizing {
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        azs = List.copyOf(azs);
    }
}
