package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import org.jspecify.annotations.Nullable;

/**
 * {@code host : string = "q-s0.proxy...bosh" "description"}: a value the cluster's pipeline reports
 * back to the broker when an operation ends. {@code secret} outputs are encrypted at rest.
 */
public record OutputDecl(
        Name name,
        TypeRef type,
        @Nullable Expr value,
        boolean secret,
        @Nullable Text description,
        SourceSpan span) implements Node {}
