package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import org.jspecify.annotations.Nullable;

/** What follows a parameter's type and default. */
public sealed interface ParameterOption extends Node {

    /** {@code range 128MB..64GB}, {@code range 1..}, {@code range ..10}. Bounds are numbers or quantities. */
    record Range(@Nullable Value min, @Nullable Value max, SourceSpan span) implements ParameterOption {}

    /** {@code length 1..63}: string length. */
    record Length(Value.@Nullable Num min, Value.@Nullable Num max, SourceSpan span) implements ParameterOption {}

    /** {@code pattern "^[a-z]+$"}: an ECMA 262 regular expression, as JSON Schema uses. */
    record Pattern(Text regex, SourceSpan span) implements ParameterOption {}

    /** {@code example 2GB}. */
    record Example(Value value, SourceSpan span) implements ParameterOption {}

    /** {@code create_only}, {@code secret}, {@code required}. */
    record Flag(FlagKind kind, SourceSpan span) implements ParameterOption {}

    enum FlagKind {
        /** Accepted when the instance is created, rejected on update. */
        CREATE_ONLY,
        /** Never echoed back, logged or rendered in clear. */
        SECRET,
        /** Must be given (a parameter without a default is optional unless required). */
        REQUIRED
    }
}
