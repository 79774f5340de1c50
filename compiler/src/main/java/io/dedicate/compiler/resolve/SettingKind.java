package io.dedicate.compiler.resolve;

import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;

/** The type of an open-ended {@code key value} setting (update block, limits, pipeline, drivers). */
public enum SettingKind {
    STRING,
    BOOLEAN,
    /** A whole number of at least 1. */
    POSITIVE_INTEGER,
    /** A whole number, or a string (BOSH {@code max_in_flight 1} or {@code "30%"}, watch times). */
    INTEGER_OR_STRING,
    /** A byte size: a quantity such as {@code 100MB}, or a whole number of bytes. */
    BYTES;

    /** Whether the value's literal kind fits (units of byte sizes are checked separately). */
    public boolean accepts(Value value) {
        return switch (this) {
            case STRING -> value instanceof Value.Str;
            case BOOLEAN -> value instanceof Value.Bool;
            case POSITIVE_INTEGER ->
                value instanceof Value.Num n && isWhole(n.value()) && n.value().signum() > 0;
            case INTEGER_OR_STRING ->
                value instanceof Value.Str || (value instanceof Value.Num n && isWhole(n.value()));
            case BYTES ->
                value instanceof Value.Quantity
                        || (value instanceof Value.Num n
                                && isWhole(n.value())
                                && n.value().signum() >= 0);
        };
    }

    /** The message key describing what the kind accepts ({@code setting-kind.string}). */
    public String messageKey() {
        return "setting-kind." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
