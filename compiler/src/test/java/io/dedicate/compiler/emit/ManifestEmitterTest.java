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
}
