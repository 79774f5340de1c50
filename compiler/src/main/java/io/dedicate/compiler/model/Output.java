package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import org.jspecify.annotations.Nullable;

/** A value the cluster's pipeline reports to the broker when an operation ends. */
public record Output(
        String name,
        ParameterType type,
        Expression value,
        boolean secret,
        @Nullable String description,
        SourceSpan span)
        implements FromSourceSpan {}
