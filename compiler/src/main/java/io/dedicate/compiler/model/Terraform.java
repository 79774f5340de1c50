package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.Map;

/** A Terraform module applied before the deployment and destroyed after it is deleted. */
public record Terraform(String moduleSource, Map<String, Expression> vars, SourceSpan span) implements FromSourceSpan {

    public Terraform {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }
}
