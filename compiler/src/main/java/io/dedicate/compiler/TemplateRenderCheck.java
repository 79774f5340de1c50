package io.dedicate.compiler;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.TemplateRenderException;
import io.dedicate.bundle.TemplateRenderer;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.emit.TemplateSamples;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.Offering;
import io.dedicate.dsl.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders every template of a freshly emitted bundle with sample values ({@link TemplateSamples}),
 * as the broker will, and reports each template that fails as a {@code template-render} error at
 * its offering: a bundle whose templates do not render is never written.
 *
 * <p>What is rendered, kept small because it runs on every compilation: each pipeline for each
 * operation kind it serves (deploy and update for {@code deploy}) with the first cluster plan, the
 * manifest with every cluster plan (the plans size it), each hook's ops file with the first plan,
 * and the meta pipeline with two sample instances. The sample parameters are the defaults, else
 * values of their type, so a template that fails only for some user values is not caught here; the
 * escaping filters refuse unsafe user values at run time anyway.
 */
public final class TemplateRenderCheck {

    /** The code of the diagnostics this check reports. */
    public static final String CODE = "template-render";

    private static final TemplateRenderer RENDERER = new TemplateRenderer();
    /** Each pipeline template ({@link BundleLayout#pipeline}) and an operation kind it serves. */
    private record PipelineRendition(String template, String kind) {}

    private static final List<PipelineRendition> PIPELINES = List.of(
            new PipelineRendition("deploy", "deploy"),
            new PipelineRendition("deploy", "update"),
            new PipelineRendition("recreate", "recreate"),
            new PipelineRendition("upgrade", "upgrade"),
            new PipelineRendition("delete", "delete"));

    private TemplateRenderCheck() {}

    /**
     * The errors of the templates in {@code files} that do not render (one per template, the first
     * failure); empty when all do.
     */
    public static List<Diagnostic> check(List<Offering> offerings, MemoryManifest files) {
        // Each offering has its own templates: check them in parallel, collect in offering order.
        List<Diagnostic> diagnostics = new ArrayList<>();
        offerings.parallelStream()
                .map(offering -> check(offering, files))
                .toList()
                .forEach(diagnostics::addAll);
        if (!offerings.isEmpty()) {
            // both shapes of the meta pipeline: one org's shard, and the root that sets the shards
            Map<String, TemplateRenderer.PreparedTemplate> prepared = new HashMap<>();
            Reporter reporter = new Reporter(CODE, diagnostics);
            Set<String> failed = new HashSet<>();
            render(
                    offerings.get(0),
                    BundleLayout.META_PIPELINE,
                    files,
                    prepared,
                    reporter,
                    failed,
                    "meta",
                    TemplateSamples::metaPipeline);
            render(
                    offerings.get(0),
                    BundleLayout.META_PIPELINE,
                    files,
                    prepared,
                    reporter,
                    failed,
                    "root meta",
                    TemplateSamples::rootMetaPipeline);
        }
        return diagnostics;
    }

    /** The render errors of one offering's templates. */
    private static List<Diagnostic> check(Offering offering, MemoryManifest files) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (offering.plans().cluster().isEmpty()) {
            return diagnostics;
        }
        Map<String, TemplateRenderer.PreparedTemplate> prepared = new HashMap<>();
        Reporter reporter = new Reporter(CODE, diagnostics);
        Set<String> failed = new HashSet<>();
        ClusterPlan first = offering.plans().cluster().get(0);
        for (PipelineRendition pipeline : PIPELINES) {
            render(
                    offering,
                    BundleLayout.pipeline(offering.name(), pipeline.template()),
                    files,
                    prepared,
                    reporter,
                    failed,
                    pipeline.kind(),
                    () -> TemplateSamples.instance(offering, first, pipeline.kind()));
        }
        for (ClusterPlan plan : offering.plans().cluster()) {
            render(
                    offering,
                    BundleLayout.manifest(offering.name()),
                    files,
                    prepared,
                    reporter,
                    failed,
                    "deploy, plan " + plan.name(),
                    () -> TemplateSamples.instance(offering, plan, "deploy"));
        }
        for (Hook hook : offering.automation().hooks()) {
            render(
                    offering,
                    BundleLayout.hookOps(offering.name(), hook.name()),
                    files,
                    prepared,
                    reporter,
                    failed,
                    "deploy",
                    () -> TemplateSamples.instance(offering, first, "deploy"));
        }
        return diagnostics;
    }

    private static void render(
            Offering offering,
            String path,
            MemoryManifest files,
            Map<String, TemplateRenderer.PreparedTemplate> prepared,
            Reporter reporter,
            Set<String> failed,
            String rendition,
            Supplier<Map<String, Object>> variables) {
        if (failed.contains(path) || !files.files().containsKey(path)) {
            return;
        }
        try {
            TemplateRenderer.PreparedTemplate template = prepared.get(path);
            if (template == null) {
                template = RENDERER.prepare(path, files.text(path));
                prepared.put(path, template);
            }
            template.render(variables.get());
        } catch (TemplateRenderException e) {
            failed.add(path);
            reporter.error(Reporter.at(offering.span()), "", path, rendition, e.getMessage());
        }
    }
}
