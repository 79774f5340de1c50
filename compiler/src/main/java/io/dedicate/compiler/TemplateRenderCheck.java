package io.dedicate.compiler;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.TemplateRenderException;
import io.dedicate.bundle.TemplateRenderer;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.emit.FileManifest;
import io.dedicate.compiler.emit.TemplateSamples;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.dsl.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Renders every template of a freshly emitted bundle with sample values ({@link TemplateSamples}),
 * as the broker will, and reports each template that fails as a {@code template-render} error at
 * its offering: a bundle whose templates do not render is never written.
 *
 * <p>What is rendered, kept small because it runs on every compilation: the instance pipeline once
 * for each operation kind the broker renders it for ({@link
 * io.dedicate.compiler.model.Automation#operations()}) with the first cluster plan (once only when no
 * tag or expression of it names {@code operation}: every kind then gives the same text), the manifest with
 * every cluster plan (the plans size it), each hook's ops file with the first plan, and the meta
 * pipeline in both its shapes (an org's shard with two sample instances, the root). A template is
 * reported once, at its first failing rendition. The sample parameters are the defaults, else values
 * of their type, so a template that fails only for some user values is not caught here; the escaping
 * filters refuse unsafe user values at run time anyway.
 *
 * <p>The parts ({@link #pipelines}, {@link #deployment}, {@link #metaPipeline}) are independent, and each reads
 * the files of one emitter. An instance of the check renders them in two halves, {@link #renderPipelines} (the
 * pipeline emitter's files) and {@link #renderDeployments} (the manifest emitter's), which a caller runs at once or
 * each as soon as its emitter is done; {@link #errors} then reports in one order whichever ended first: per offering its
 * instance pipeline, then its manifest and hook ops files, then the meta pipeline.
 */
public final class TemplateRenderCheck {

    /** The code of the diagnostics this check reports. */
    public static final String CODE = "template-render";

    private static final TemplateRenderer RENDERER = new TemplateRenderer();

    /** How many parsed templates {@link #PREPARED} keeps: those of a few offerings (about seven each). */
    private static final int PREPARED_KEPT = 32;

    /**
     * The templates parsed last, by path and text, least recently used out first: a compilation after an edit (each
     * keystroke in the language server) mostly emits the same templates again and skips parsing them (a third of the
     * check's work on the MySQL offering). A template that changed by one byte is parsed again. A parsed template is
     * only read when rendered (the broker renders one on many threads too), so compilations share it.
     */
    private static final Map<PreparedKey, TemplateRenderer.PreparedTemplate> PREPARED =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PreparedKey, TemplateRenderer.PreparedTemplate> eldest) {
                    return size() > PREPARED_KEPT;
                }
            });

    private record PreparedKey(String path, String text) {}

    private final List<Offering> offerings;
    private final FileManifest files;
    private final CallerClassLoader caller;
    private List<List<Diagnostic>> pipelineErrors = List.of();
    private List<Diagnostic> metaPipelineErrors = List.of();
    private List<List<Diagnostic>> deploymentErrors = List.of();

    /** A check of the templates that {@code files} holds for {@code offerings}; nothing rendered yet. */
    TemplateRenderCheck(List<Offering> offerings, FileManifest files, CallerClassLoader caller) {
        this.offerings = List.copyOf(offerings);
        this.files = files;
        this.caller = caller;
    }

    /**
     * The errors of the templates in {@code files} that do not render (one per template, the first
     * failure), each offering's instance pipeline, then its manifest and hook ops files, then the meta
     * pipeline; empty when all render.
     */
    public static List<Diagnostic> check(List<Offering> offerings, FileManifest files) {
        TemplateRenderCheck check = new TemplateRenderCheck(offerings, files, CallerClassLoader.ofCurrentThread());
        ForkJoinTask<?> pipelines = ForkJoinTask.adapt(check.caller.carrying(check::renderPipelines))
                .fork();
        check.renderDeployments();
        pipelines.join();
        return check.errors();
    }

    /** Renders every offering's instance pipeline and the meta pipeline (what the pipeline emitter wrote). */
    void renderPipelines() {
        List<Supplier<List<Diagnostic>>> parts = new ArrayList<>();
        for (Offering offering : offerings) {
            parts.add(() -> pipelines(offering, files));
        }
        parts.add(() -> metaPipeline(offerings, files));
        List<List<Diagnostic>> rendered = renderAtOnce(parts);
        pipelineErrors = rendered.subList(0, offerings.size());
        metaPipelineErrors = rendered.get(offerings.size());
    }

    /** Renders every offering's manifest and hook ops files (what the manifest emitter wrote). */
    void renderDeployments() {
        List<Supplier<List<Diagnostic>>> parts = new ArrayList<>();
        for (Offering offering : offerings) {
            parts.add(() -> deployment(offering, files));
        }
        deploymentErrors = renderAtOnce(parts);
    }

    /** The errors found by the halves rendered so far, in the order {@link #check} reports them. */
    List<Diagnostic> errors() {
        List<Diagnostic> errors = new ArrayList<>();
        for (int i = 0; i < offerings.size(); i++) {
            if (i < pipelineErrors.size()) {
                errors.addAll(pipelineErrors.get(i));
            }
            if (i < deploymentErrors.size()) {
                errors.addAll(deploymentErrors.get(i));
            }
        }
        errors.addAll(metaPipelineErrors);
        return errors;
    }

    /** The parts' results in their order, rendered on the common fork-join pool's threads and this one. */
    private List<List<Diagnostic>> renderAtOnce(List<Supplier<List<Diagnostic>>> parts) {
        return parts.parallelStream().map(part -> caller.carrying(part).get()).toList();
    }

    /** The render error of {@code offering}'s instance pipeline, rendered for each operation kind. */
    public static List<Diagnostic> pipelines(Offering offering, FileManifest files) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (offering.plans().cluster().isEmpty()) {
            return diagnostics;
        }
        ClusterPlan first = offering.plans().cluster().get(0);
        Template pipeline =
                new Template(offering, BundleLayout.pipeline(offering.name(), BundleLayout.INSTANCE_PIPELINE), files);
        List<Operation> operations = offering.automation().operations();
        for (Operation operation : operations) {
            pipeline.render(operation.label(), () -> TemplateSamples.instance(offering, first, operation.label()));
            if (operation == operations.get(0) && !pipeline.reads("operation")) {
                break; // every kind renders the same text (asked once: the answer walks the whole template)
            }
        }
        pipeline.reportTo(diagnostics);
        return diagnostics;
    }

    /** The render errors of {@code offering}'s manifest (with every cluster plan) and hook ops files. */
    public static List<Diagnostic> deployment(Offering offering, FileManifest files) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (offering.plans().cluster().isEmpty()) {
            return diagnostics;
        }
        Template manifest = new Template(offering, BundleLayout.manifest(offering.name()), files);
        for (ClusterPlan plan : offering.plans().cluster()) {
            manifest.render("deploy, plan " + plan.name(), () -> TemplateSamples.instance(offering, plan, "deploy"));
        }
        manifest.reportTo(diagnostics);
        ClusterPlan first = offering.plans().cluster().get(0);
        for (Hook hook : offering.automation().hooks()) {
            Template ops = new Template(offering, BundleLayout.hookOps(offering.name(), hook.name()), files);
            ops.render("deploy", () -> TemplateSamples.instance(offering, first, "deploy"));
            ops.reportTo(diagnostics);
        }
        return diagnostics;
    }

    /** The render error of the meta pipeline (reported at the first offering), in both its shapes. */
    public static List<Diagnostic> metaPipeline(List<Offering> offerings, FileManifest files) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (offerings.isEmpty()) {
            return diagnostics;
        }
        Template meta = new Template(offerings.get(0), BundleLayout.META_PIPELINE, files);
        meta.render("meta", TemplateSamples::metaPipeline);
        meta.render("root meta", TemplateSamples::rootMetaPipeline);
        meta.reportTo(diagnostics);
        return diagnostics;
    }

    /** The template parsed: kept from an earlier compilation when its text has not changed ({@link #PREPARED}). */
    private static TemplateRenderer.PreparedTemplate parsed(String path, String text) {
        PreparedKey key = new PreparedKey(path, text);
        TemplateRenderer.PreparedTemplate kept = PREPARED.get(key);
        if (kept == null) {
            kept = RENDERER.prepare(path, text);
            PREPARED.put(key, kept);
        }
        return kept;
    }

    /** One template of the bundle, prepared once, rendered until its first failure. */
    private static final class Template {
        private final Offering offering;
        private final String path;
        private final @Nullable String text;
        private TemplateRenderer.@Nullable PreparedTemplate prepared;
        private @Nullable Failure failure;

        Template(Offering offering, String path, FileManifest files) {
            this.offering = offering;
            this.path = path;
            byte[] content = files.files().get(path);
            this.text = content == null ? null : new String(content, StandardCharsets.UTF_8);
        }

        /** Renders with {@code variables}, unless the bundle has no such template or it failed already. */
        void render(String rendition, Supplier<Map<String, Object>> variables) {
            if (text == null || failure != null) {
                return;
            }
            try {
                if (prepared == null) {
                    prepared = parsed(path, text);
                }
                prepared.render(variables.get());
            } catch (TemplateRenderException e) {
                failure = new Failure(rendition, e.getMessage());
            }
        }

        /** {@link TemplateRenderer.PreparedTemplate#reads}; true until the template is parsed. */
        boolean reads(String variable) {
            return prepared == null || prepared.reads(variable);
        }

        void reportTo(List<Diagnostic> diagnostics) {
            Failure first = failure;
            if (first != null) {
                new Reporter(CODE, diagnostics)
                        .error(Reporter.at(offering.span()), "", path, first.rendition(), first.message());
            }
        }

        private record Failure(String rendition, String message) {}
    }
}
