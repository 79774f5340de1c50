package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.math.BigDecimal;

/** A literal. Values are also expressions. */
public sealed interface Value extends Expr {

    /** A string literal, decoded (and, in an expression, without any {@code ${...}}). */
    record Str(String value, SourceSpan span) implements Value {}

    /** A number as written ({@code 3}, {@code -1}, {@code 0.5}) and its value. */
    record Num(String text, BigDecimal value, SourceSpan span) implements Value {}

    /**
     * A number with a unit, as written ({@code 10GB}, {@code 128MB}, {@code 2h}, {@code 30s}). The
     * compiler interprets the unit according to where the quantity is used (byte size or duration).
     */
    record Quantity(String text, SourceSpan span) implements Value {}

    record Bool(boolean value, SourceSpan span) implements Value {}
}
