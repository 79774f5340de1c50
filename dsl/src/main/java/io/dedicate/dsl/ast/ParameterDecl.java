package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code name : type [= default] [options...] ["description"]}, e.g.
 * {@code innodb_buffer_pool_size : bytes = 1GB range 128MB..64GB "InnoDB buffer pool"}.
 */
public record ParameterDecl(
        Name name,
        TypeRef type,
        @Nullable Value defaultValue,
        List<ParameterOption> options,
        @Nullable Text description,
        SourceSpan span)
        implements Node {

    public ParameterDecl {
        options = List.copyOf(options);
    }
}
