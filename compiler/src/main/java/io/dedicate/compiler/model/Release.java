package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import org.jspecify.annotations.Nullable;

/** A BOSH release the deployment uses. */
public record Release(
        String name,
        String version,
        @Nullable String url,
        @Nullable String sha1,
        SourceSpan span) implements FromSourceSpan {}
