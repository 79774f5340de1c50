package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.Map;

/**
 * How a child plan's instances are created and bound inside their cluster: one of the bundle's
 * {@link io.dedicate.bundle.model.DriverKind}s, which says the settings each takes and the cluster
 * outputs each needs.
 *
 * @param settings normalised settings (byte sizes as Long bytes), in source order
 */
public record Driver(String name, Map<String, Object> settings, SourceSpan span) implements FromSourceSpan {

    public Driver {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
