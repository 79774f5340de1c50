package io.dedicate.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRenderCheckTest {

    @TempDir
    Path folder;

    private Bundle compileMinimal() {
        Sources.write(folder, Map.of("x.offering", Sources.minimalOffering("")));
        return new OfferingCompiler().compile(List.of(folder));
    }

    @Test
    void theTemplatesOfAValidOfferingRender() {
        Bundle bundle = compileMinimal();
        assertEquals(List.of(), bundle.result().diagnostics());
        Offering offering = bundle.result().offerings().get(0);
        assertEquals(List.of(), TemplateRenderCheck.check(List.of(offering), bundle.files()));
    }

    @Test
    void aTemplateThatDoesNotRenderIsAnErrorAtItsOffering() {
        Bundle bundle = compileMinimal();
        Offering offering = bundle.result().offerings().get(0);
        MemoryManifest files = new MemoryManifest();
        bundle.files().files().forEach((path, bytes) -> {
            if (!path.equals(BundleLayout.manifest("minimal"))) {
                files.writeFile(path, bytes);
            }
        });
        files.writeFile(
                BundleLayout.manifest("minimal"), "name: {{ params.nope | yaml }}\n".getBytes(StandardCharsets.UTF_8));

        List<Diagnostic> diagnostics = TemplateRenderCheck.check(List.of(offering), files);

        assertEquals(1, diagnostics.size(), diagnostics.toString());
        Diagnostic d = diagnostics.get(0);
        assertEquals(Severity.ERROR, d.severity());
        assertEquals("template-render", d.code());
        assertEquals(offering.span(), d.span());
        assertTrue(
                d.message()
                        .startsWith(
                                "template `manifests/minimal/manifest.yml.j2` does not render (deploy, plan small): "),
                d.message());
        assertTrue(d.message().contains("params.nope"), d.message());
        assertTrue(d.hint() != null && d.hint().contains("not written"), String.valueOf(d.hint()));
    }

    @Test
    void everyOperationKindAndTheMetaPipelineAreRendered() {
        Bundle bundle = compileMinimal();
        Offering offering = bundle.result().offerings().get(0);
        String pipeline = BundleLayout.pipeline("minimal", BundleLayout.INSTANCE_PIPELINE);
        assertTrue(
                bundle.files().files().containsKey(pipeline),
                bundle.files().files().keySet().toString());
        List<String> kinds = offering.automation().operations().stream()
                .map(Operation::label)
                .toList();
        assertEquals(List.of("deploy", "update", "recreate", "upgrade", "delete"), kinds);
        for (String kind : kinds) {
            MemoryManifest files = new MemoryManifest();
            bundle.files().files().forEach((path, bytes) -> {
                if (!path.equals(BundleLayout.META_PIPELINE) && !path.equals(pipeline)) {
                    files.writeFile(path, bytes);
                }
            });
            files.writeFile(
                    BundleLayout.META_PIPELINE, "{{ instances[0].nope | yaml }}\n".getBytes(StandardCharsets.UTF_8));
            files.writeFile(
                    pipeline,
                    ("{% if operation.kind == '" + kind + "' %}{{ nope }}{% endif %}\n")
                            .getBytes(StandardCharsets.UTF_8));

            List<String> failing = TemplateRenderCheck.check(List.of(offering), files).stream()
                    .map(Diagnostic::message)
                    .map(m -> m.substring(0, m.indexOf(':')))
                    .toList();

            assertEquals(
                    List.of(
                            "template `" + pipeline + "` does not render (" + kind + ")",
                            "template `pipelines/meta.yml.j2` does not render (meta)"),
                    failing);
        }
    }

    @Test
    void aPipelineThatDoesNotRenderFailsTheCompilation() {
        Bundle bundle = compileMinimal();
        Offering offering = bundle.result().offerings().get(0);
        MemoryManifest files = new MemoryManifest();
        String pipeline = BundleLayout.pipeline("minimal", BundleLayout.INSTANCE_PIPELINE);
        bundle.files().files().forEach((path, bytes) -> {
            if (!path.equals(pipeline)) {
                files.writeFile(path, bytes);
            }
        });
        files.writeFile(pipeline, "jobs: {{ params.nope | yaml }}\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(
                List.of("template `" + pipeline + "` does not render (deploy)"),
                TemplateRenderCheck.pipelines(offering, files).stream()
                        .map(Diagnostic::message)
                        .map(m -> m.substring(0, m.indexOf(':')))
                        .toList());
        assertEquals(List.of(), TemplateRenderCheck.deployment(offering, files));
        assertEquals(List.of(), TemplateRenderCheck.metaPipeline(List.of(offering), files));
    }
}
