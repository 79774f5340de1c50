package io.dedicate.compiler;

import io.dedicate.compiler.emit.MemoryManifest;

/**
 * The result of {@link OfferingCompiler#compile}: the check result and, when it has no errors, the
 * bundle files in memory (write them with {@link BundleWriter}).
 */
public record Bundle(CompileResult result, MemoryManifest files) {}
