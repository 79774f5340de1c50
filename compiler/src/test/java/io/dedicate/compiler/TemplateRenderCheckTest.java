package io.dedicate.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.model.Offering;
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
        MemoryManifest files = new MemoryManifest();
        bundle.files().files().forEach((path, bytes) -> {
            if (!path.equals(BundleLayout.META_PIPELINE) && !path.equals(BundleLayout.pipeline("minimal", "delete"))) {
                files.writeFile(path, bytes);
            }
        });
        files.writeFile(
                BundleLayout.META_PIPELINE, "{{ instances[0].nope | yaml }}\n".getBytes(StandardCharsets.UTF_8));
        files.writeFile(
                BundleLayout.pipeline("minimal", "delete"),
                "{% if operation.kind == 'delete' %}{{ nope }}{% endif %}\n".getBytes(StandardCharsets.UTF_8));

        List<String> failing = TemplateRenderCheck.check(List.of(offering), files).stream()
                .map(Diagnostic::message)
                .map(m -> m.substring(0, m.indexOf(':')))
                .toList();

        assertEquals(
                List.of(
                        "template `pipelines/minimal/delete.yml.j2` does not render (delete)",
                        "template `pipelines/meta.yml.j2` does not render (meta)"),
                failing);
    }
}
