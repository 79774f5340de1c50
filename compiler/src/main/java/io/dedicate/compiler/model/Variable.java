package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.Map;

/** A BOSH variable ({@code password}, {@code certificate}, {@code ssh}, {@code rsa}, {@code user}). */
public record Variable(String name, String type, Map<String, Expression> options, SourceSpan span)
        implements FromSourceSpan {

    public Variable {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
