package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;

/**
 * A string literal outside expressions, decoded: escapes resolved, and for {@code """} text
 * blocks the common indentation and the first and last blank lines removed.
 */
public record Text(String value, SourceSpan span) implements Node {
    @Override
    public String toString() {
        return value;
    }
}
