package io.dedicate.bundle.model;

import org.jspecify.annotations.Nullable;

/**
 * A value the cluster's pipeline reports when an operation ends (host, port, broker URL...). Secret
 * outputs are stored encrypted and never shown.
 */
public record OutputModel(
        String name,
        ParameterType type,
        boolean secret,
        @Nullable String description) {}
