package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;

/**
 * A generic {@code key value} line, used where the keys are open-ended and checked by the compiler:
 * driver settings, the BOSH update block, limits, pipeline settings.
 */
public record Setting(Name key, Value value, SourceSpan span) implements Node {}
