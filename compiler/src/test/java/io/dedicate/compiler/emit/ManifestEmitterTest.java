package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestEmitterTest {

    private static final Offering MYSQL = CompiledOfferings.mysql();

    private MemoryManifest emit(Offering offering) {
        MemoryManifest files = new MemoryManifest();
        new ManifestEmitter().emit(List.of(offering), files);
        return files;
    }

    @Test
    void writesTheManifestAndOneOpsFilePerHook() {
        assertEquals(
                List.of("manifests/mysql-on-demand/manifest.yml.j2"),
                List.copyOf(emit(MYSQL).files().keySet()));
        assertEquals(
                List.of(
                        "manifests/hooked/hooks/inventory.yml.j2",
                        "manifests/hooked/hooks/prometheus.yml.j2",
                        "manifests/hooked/manifest.yml.j2"),
                List.copyOf(emit(CompiledOfferings.hooked()).files().keySet()));
    }

    @Test
    void renderedManifestHasTheBoshKeysAndNestedProperties() {
        String template = emit(MYSQL).text(BundleLayout.manifest("mysql-on-demand"));
        Map<String, Object> variables = Rendering.variables(MYSQL, "deploy");
        JsonNode manifest = Rendering.yaml("manifest", template, variables);
        BoshManifests.assertValid(manifest);
    }

    @Test
    void aSecretParameterIsABoshVariableTheDeployTaskFillsNeverItsValue() {
        Offering secret = CompiledOfferings.secret();
        String template = emit(secret).text(BundleLayout.manifest("secret"));
        Map<String, Object> variables = Rendering.variables(secret, "deploy");
        JsonNode manifest = Rendering.yaml("manifest", template, variables);
        BoshManifests.assertValid(manifest);
        JsonNode hello = manifest.path("instance_groups")
                .get(0)
                .path("jobs")
                .get(0)
                .path("properties")
                .path("hello");
        assertEquals("((dedicate_secret_token))", hello.path("token").textValue());
        assertEquals("token=((dedicate_secret_token))", hello.path("greeting").textValue());
        assertEquals(10, hello.path("size").intValue(), "other parameters are rendered as before");
        String sample =
                String.valueOf(((Map<?, ?>) java.util.Objects.requireNonNull(variables.get("params"))).get("token"));
        org.junit.jupiter.api.Assertions.assertFalse(
                Rendering.render("manifest", template, variables).contains(sample),
                "the sample value of the secret parameter is not in the manifest");
    }
}
