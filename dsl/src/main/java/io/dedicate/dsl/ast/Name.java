package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;

/** A name as written: {@code cluster-small}, {@code 100mb}, {@code innodb_buffer_pool_size}. */
public record Name(String value, SourceSpan span) implements Node {
    @Override
    public String toString() {
        return value;
    }
}
