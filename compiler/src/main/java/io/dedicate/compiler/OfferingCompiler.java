package io.dedicate.compiler;

import io.dedicate.compiler.emit.CatalogEmitter;
import io.dedicate.compiler.emit.Emitter;
import io.dedicate.compiler.emit.ManifestEmitter;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.emit.ModelEmitter;
import io.dedicate.compiler.emit.PipelineEmitter;
import io.dedicate.compiler.emit.SchemaEmitter;
import io.dedicate.compiler.emit.SourceMapEmitter;
import io.dedicate.compiler.load.ExpandedOffering;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Offering files in, bundle out.
 *
 * <p>Inputs are offering files ({@code *.offering}) or directories, searched recursively for them;
 * fragments ({@code *.fragment}) are read only when an offering includes them. Diagnostics name
 * files by the path as given (an input {@code offerings/} gives {@code offerings/mysql.offering}).
 */
public final class OfferingCompiler {

    private static final Emitter PIPELINE_EMITTER = new PipelineEmitter();
    private static final Emitter MODEL_EMITTER = new ModelEmitter();

    /** The emitters; the model emitter is last because it digests the others, which run in any order. */
    public static final List<Emitter> EMITTERS = List.of(
            new CatalogEmitter(),
            new SchemaEmitter(),
            PIPELINE_EMITTER,
            new ManifestEmitter(),
            new SourceMapEmitter(),
            MODEL_EMITTER);

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
        return result(loaded, validate(loaded), ModelBuilder::build);
    }

    private List<Validator.Validation> validate(LoadResult loaded) {
        return new Validator(ValidationRules.all(new ReleaseSpecCatalog(releaseSpecs))).validate(loaded.offerings());
    }

    /** The diagnostics of the load and of {@code validations}; the offerings without errors as {@code model} builds them, sorted by name. */
    private static CompileResult result(
            LoadResult loaded, List<Validator.Validation> validations, Function<ExpandedOffering, Offering> model) {
        Set<Diagnostic> diagnostics = new LinkedHashSet<>(loaded.diagnostics());
        List<Offering> offerings = new ArrayList<>();
        for (Validator.Validation validation : validations) {
            diagnostics.addAll(validation.diagnostics());
            if (!validation.hasErrors()) {
                offerings.add(model.apply(validation.offering()));
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
        // Validation and emission overlap: the rules run on another thread (the common fork-join pool's) while this one
        // builds the model of every offering and emits the bundle as if none had an error, the usual case; when one
        // has, the emitted files are dropped (and emission stops at its next step). A model or emitter that fails on
        // an offering the rules refuse is expected and ignored; on offerings without errors it is rethrown, as before.
        CallerClassLoader caller = CallerClassLoader.ofCurrentThread();
        ForkJoinTask<List<Validator.Validation>> validating =
                ForkJoinTask.adapt(caller.carrying(() -> validate(loaded))::get).fork();
        Emission emission = new Emission(loaded, validating, caller);
        emission.run();
        List<Validator.Validation> validations = validating.join();
        CompileResult result = result(loaded, validations, emission::model);
        if (result.hasErrors()) {
            return new Bundle(result, new MemoryManifest());
        }
        emission.rethrowFailure();
        List<Diagnostic> renderErrors = emission.renderErrors();
        if (renderErrors.isEmpty()) {
            return new Bundle(result, emission.files());
        }
        List<Diagnostic> diagnostics = new ArrayList<>(result.diagnostics());
        diagnostics.addAll(renderErrors);
        return new Bundle(new CompileResult(result.offerings(), diagnostics, result.sources()), new MemoryManifest());
    }

    /**
     * The model and bundle of offerings whose validation runs meanwhile: every offering's model, then the pipeline
     * emitter, whose templates are rendered on a pool thread while this one runs the other emitters, then the model
     * emitter beside the manifests' rendering (the files are a sorted map, so the bytes do not depend on which ends
     * first). Between steps it stops when the validation has found an error.
     */
    private static final class Emission {
        private final LoadResult loaded;
        private final ForkJoinTask<List<Validator.Validation>> validating;
        private final CallerClassLoader caller;
        private final IdentityHashMap<ExpandedOffering, Offering> models = new IdentityHashMap<>();
        private final MemoryManifest files = new MemoryManifest();
        private List<Diagnostic> renderErrors = List.of();
        private @Nullable Throwable failure;
        private boolean finished;

        Emission(LoadResult loaded, ForkJoinTask<List<Validator.Validation>> validating, CallerClassLoader caller) {
            this.loaded = loaded;
            this.validating = validating;
            this.caller = caller;
        }

        void run() {
            try {
                for (ExpandedOffering offering : loaded.offerings()) {
                    if (refused()) {
                        return;
                    }
                    models.put(offering, ModelBuilder.build(offering));
                }
                List<Offering> offerings = new ArrayList<>(models.values());
                offerings.sort(Comparator.comparing(Offering::name));
                if (refused()) {
                    return;
                }
                // The instance pipeline is the biggest template: the pipeline emitter runs first, and its files are
                // rendered on a pool thread (once it is done with the validation) while this one runs the other
                // emitters. The manifests are rendered by whichever thread is free first while this one runs the model
                // emitter, which digests every other emitter's files.
                TemplateRenderCheck check = new TemplateRenderCheck(offerings, files, caller);
                PIPELINE_EMITTER.emit(offerings, files);
                ForkJoinTask<?> pipelinesRendered = forkUnlessRefused(check::renderPipelines);
                for (Emitter emitter : EMITTERS) {
                    if (emitter != PIPELINE_EMITTER && emitter != MODEL_EMITTER) {
                        emitter.emit(offerings, files);
                    }
                }
                if (refused()) {
                    return; // the pipelines' rendering ends on its own: its results are dropped with the bundle
                }
                ForkJoinTask<?> deploymentsRendered = forkUnlessRefused(check::renderDeployments);
                MODEL_EMITTER.emit(offerings, files);
                deploymentsRendered.join();
                pipelinesRendered.join();
                renderErrors = check.errors();
                finished = true;
            } catch (RuntimeException | StackOverflowError e) {
                failure = e;
            }
        }

        /**
         * {@code work} on the common fork-join pool (or on this thread when it joins first), skipped when the
         * validation has found an error by the time it starts: the pool's thread runs the validation first, so a
         * refused offering's templates are not rendered.
         */
        private ForkJoinTask<?> forkUnlessRefused(Runnable work) {
            return ForkJoinTask.adapt(caller.carrying(() -> {
                        if (!refused()) {
                            work.run();
                        }
                    }))
                    .fork();
        }

        /** Whether the validation is over and found an error: the bundle will be empty. */
        private boolean refused() {
            return validating.isDone()
                    && !validating.isCompletedAbnormally()
                    && validating.join().stream().anyMatch(Validator.Validation::hasErrors);
        }

        /** The model of an offering without errors, built here, or built again to throw what building it threw. */
        Offering model(ExpandedOffering offering) {
            Offering built = models.get(offering);
            return built != null ? built : ModelBuilder.build(offering);
        }

        /** When the offerings have no error: what the emission threw, thrown again, or nothing if it finished. */
        void rethrowFailure() {
            Throwable thrown = failure;
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            if (!finished) {
                throw new IllegalStateException("the emission stopped, yet no offering has an error");
            }
        }

        List<Diagnostic> renderErrors() {
            return renderErrors;
        }

        MemoryManifest files() {
            return files;
        }
    }
}
