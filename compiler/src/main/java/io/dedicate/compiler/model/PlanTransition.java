package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;

/** {@code upgrade cluster-small -> cluster-large}: a cluster may change from one plan to the other. */
public record PlanTransition(String from, String to, SourceSpan span) implements FromSourceSpan {}
