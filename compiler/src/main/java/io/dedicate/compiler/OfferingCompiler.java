package io.dedicate.compiler;

import io.dedicate.compiler.emit.CatalogEmitter;
import io.dedicate.compiler.emit.Emitter;
import io.dedicate.compiler.emit.ManifestEmitter;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.emit.ModelEmitter;
import io.dedicate.compiler.emit.PipelineEmitter;
import io.dedicate.compiler.emit.SchemaEmitter;
import java.nio.file.Path;
import java.util.List;

/**
 * Offering files in, bundle out.
 *
 * <p>Inputs are offering files ({@code *.offering}) or directories, searched recursively for them;
 * fragments ({@code *.fragment}) are read only when an offering includes them. Diagnostics name
 * files by the path as given (an input {@code offerings/} gives {@code offerings/mysql.offering}).
 */
public final class OfferingCompiler {

    /** The emitters, in the order they run; the model emitter is last because it digests the others. */
    public static final List<Emitter> EMITTERS = List.of(
            new CatalogEmitter(),
            new SchemaEmitter(),
            new PipelineEmitter(),
            new ManifestEmitter(),
            new ModelEmitter());

    /** Parses, resolves and validates; writes nothing. */
    public CompileResult check(List<Path> inputs) {
        if (inputs.isEmpty() || !inputs.isEmpty()) {
            throw new UnsupportedOperationException("front end not written yet: " + inputs);
        }
        return new CompileResult(List.of(), List.of(), java.util.Map.of());
    }

    /** {@link #check}, then, when there is no error, runs every emitter into memory. */
    public Bundle compile(List<Path> inputs) {
        CompileResult result = check(inputs);
        MemoryManifest files = new MemoryManifest();
        if (!result.hasErrors()) {
            for (Emitter emitter : EMITTERS) {
                emitter.emit(result.offerings(), files);
            }
        }
        return new Bundle(result, files);
    }
}
