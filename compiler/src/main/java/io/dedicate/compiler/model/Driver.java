package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.Map;

/**
 * How a child plan's instances are created and bound inside their cluster.
 *
 * <ul>
 *   <li>{@code delegate}: forward the OSB calls to the cluster's own broker (outputs {@code
 *       broker_url}, {@code broker_username}, {@code broker_password}); settings {@code service},
 *       {@code plan}.
 *   <li>{@code mysql}: the broker creates a database per child and a user per binding on the
 *       cluster's admin endpoint (outputs {@code host}, {@code port}, {@code admin_username}, {@code
 *       admin_password}); setting {@code quota} (bytes, as a Long).
 * </ul>
 *
 * @param settings normalised settings (byte sizes as Long bytes), in source order
 */
public record Driver(String name, Map<String, Object> settings, SourceSpan span) implements FromSourceSpan {

    public Driver {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
