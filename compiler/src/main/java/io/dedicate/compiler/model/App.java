package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Cloud Foundry app pushed for each cluster (phpMyAdmin), after the deployment, deleted before it. */
public record App(
        String name,
        String source,
        @Nullable String buildpack,
        @Nullable Integer memoryMb,
        @Nullable Integer diskMb,
        int instances,
        Expression org,
        Expression space,
        @Nullable Expression route,
        Map<String, Expression> env,
        SourceSpan span)
        implements FromSourceSpan {

    public App {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }
}
