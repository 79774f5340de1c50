package io.dedicate.compiler;

import io.dedicate.compiler.emit.CatalogEmitter;
import io.dedicate.compiler.emit.Emitter;
import io.dedicate.compiler.emit.ManifestEmitter;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.emit.ModelEmitter;
import io.dedicate.compiler.emit.PipelineEmitter;
import io.dedicate.compiler.emit.SchemaEmitter;
import io.dedicate.compiler.emit.SourceMapEmitter;
import io.dedicate.compiler.load.LoadResult;
import io.dedicate.compiler.load.OfferingLoader;
import io.dedicate.compiler.load.SourceReader;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.compiler.resolve.ModelBuilder;
import io.dedicate.compiler.validate.ValidationRules;
import io.dedicate.compiler.validate.Validator;
import io.dedicate.dsl.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinTask;

/**
 * Offering files in, bundle out.
 *
 * <p>Inputs are offering files ({@code *.offering}) or directories, searched recursively for them;
 * fragments ({@code *.fragment}) are read only when an offering includes them. Diagnostics name
 * files by the path as given (an input {@code offerings/} gives {@code offerings/mysql.offering}).
 */
public final class OfferingCompiler {

    /** The emitters; the model emitter is last because it digests the others, which run in any order. */
    public static final List<Emitter> EMITTERS = List.of(
            new CatalogEmitter(),
            new SchemaEmitter(),
            new PipelineEmitter(),
            new ManifestEmitter(),
            new SourceMapEmitter(),
            new ModelEmitter());

    private final Map<String, Path> releaseSpecs;

    /** A compiler that reads release specs only where an offering's {@code release} names them. */
    public OfferingCompiler() {
        this(Map.of());
    }

    /**
     * A compiler that checks the jobs of the release named {@code NAME} against the specs at {@code
     * releaseSpecs.get(NAME)} (a release tarball or an extracted folder), in preference to the
     * release's own {@code specs} member.
     */
    public OfferingCompiler(Map<String, Path> releaseSpecs) {
        this.releaseSpecs = Map.copyOf(releaseSpecs);
    }

    /**
     * Parses, resolves and validates; writes nothing. Every diagnostic is collected (syntax errors,
     * include problems, every rule of {@link ValidationRules#all}, release specs included); the offerings without errors are
     * built into the model, sorted by name.
     */
    public CompileResult check(List<Path> inputs) {
        return check(inputs, SourceReader.FILES);
    }

    /** {@link #check(List)}, reading the offering files' text through {@code reader} (an editor's open documents). */
    public CompileResult check(List<Path> inputs, SourceReader reader) {
        return check(OfferingLoader.load(inputs, reader));
    }

    /** {@link #check(List)} of offerings already loaded ({@link OfferingLoader#load}), for a caller that keeps the load's syntax trees. */
    public CompileResult check(LoadResult loaded) {
        Set<Diagnostic> diagnostics = new LinkedHashSet<>(loaded.diagnostics());
        List<Offering> offerings = new ArrayList<>();
        for (Validator.Validation validation :
                new Validator(ValidationRules.all(new ReleaseSpecCatalog(releaseSpecs))).validate(loaded.offerings())) {
            diagnostics.addAll(validation.diagnostics());
            if (!validation.hasErrors()) {
                offerings.add(ModelBuilder.build(validation.offering()));
            }
        }
        offerings.sort(Comparator.comparing(Offering::name));
        return new CompileResult(offerings, List.copyOf(diagnostics), loaded.sources());
    }

    /**
     * {@link #check}, then, when there is no error, runs every emitter into memory and renders every
     * template with sample values ({@link TemplateRenderCheck}). A template that does not render is
     * a {@code template-render} error, and the bundle is then empty.
     */
    public Bundle compile(List<Path> inputs) {
        return compile(inputs, SourceReader.FILES);
    }

    /** {@link #compile(List)}, reading the offering files' text through {@code reader} (an editor's open documents). */
    public Bundle compile(List<Path> inputs, SourceReader reader) {
        return compile(OfferingLoader.load(inputs, reader));
    }

    /** {@link #compile(List)} of offerings already loaded ({@link OfferingLoader#load}), for a caller that keeps the load's syntax trees. */
    public Bundle compile(LoadResult loaded) {
        CompileResult result = check(loaded);
        if (result.hasErrors()) {
            return new Bundle(result, new MemoryManifest());
        }
        // The emitters are independent but for the model emitter, which digests the others' files; the render check
        // reads only those. So: all but the model emitter at once, then the model emitter beside the render check,
        // on the common fork-join pool's threads and this one (a second core takes 9% off a warm compile of
        // mysql.offering, README). The files are a sorted map: the bundle does not depend on which emitter ends first.
        List<Offering> offerings = result.offerings();
        MemoryManifest files = new MemoryManifest();
        EMITTERS.subList(0, EMITTERS.size() - 1).parallelStream().forEach(emitter -> emitter.emit(offerings, files));
        ForkJoinTask<?> model = ForkJoinTask.adapt(
                        () -> EMITTERS.get(EMITTERS.size() - 1).emit(offerings, files))
                .fork();
        List<Diagnostic> renderErrors = TemplateRenderCheck.check(offerings, files);
        model.join();
        if (renderErrors.isEmpty()) {
            return new Bundle(result, files);
        }
        List<Diagnostic> diagnostics = new ArrayList<>(result.diagnostics());
        diagnostics.addAll(renderErrors);
        return new Bundle(new CompileResult(result.offerings(), diagnostics, result.sources()), new MemoryManifest());
    }
}
