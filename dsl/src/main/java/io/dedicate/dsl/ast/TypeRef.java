package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** A parameter or output type: {@code string}, {@code bytes}, {@code enum("5.7", "8.0")}, ... */
public record TypeRef(Kind kind, List<Value> enumValues, SourceSpan span) implements Node {

    public TypeRef {
        enumValues = List.copyOf(enumValues);
    }

    public enum Kind {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        BYTES,
        DURATION,
        ENUM
    }
}
