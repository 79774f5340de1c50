package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.Offering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real offerings of {@code offerings/}, compiled by the front end, and their templates. */
final class CompiledOfferings {

    private CompiledOfferings() {}

    static Path root() {
        String root = System.getProperty("dedicate.repo.root");
        assertTrue(root != null, "system property dedicate.repo.root (the repository root) is not set");
        return Path.of(root);
    }

    static List<Offering> offerings() {
        CompileResult result = new OfferingCompiler().check(List.of(root().resolve("offerings")));
        assertFalse(result.hasErrors(), "offerings/ does not compile: " + result.diagnostics());
        assertFalse(result.offerings().isEmpty(), "no offering in offerings/");
        return result.offerings();
    }

    /** The compiled {@code offerings/mysql.offering}. */
    static Offering mysql() {
        return mysql(offerings());
    }

    /**
     * The test fixture {@code hooked/hooked.offering} (next to this class in the test resources): clusters
     * registered in two shared deployments, which no offering in {@code offerings/} does any more.
     */
    static Offering hooked() {
        return fixture("hooked/hooked.offering");
    }

    /**
     * The test fixture {@code secret/secret.offering}: a {@code secret} cluster parameter used by job properties,
     * alone and inside a string.
     */
    static Offering secret() {
        return fixture("secret/secret.offering");
    }

    private static Offering fixture(String resource) {
        Path folder;
        try {
            folder = Path.of(java.util.Objects.requireNonNull(
                                    CompiledOfferings.class.getResource(resource),
                                    "test resource " + resource + " is missing")
                            .toURI())
                    .getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        CompileResult result = new OfferingCompiler().check(List.of(folder));
        assertFalse(result.hasErrors(), resource + " does not compile: " + result.diagnostics());
        return result.offerings().get(0);
    }

    static Offering mysql(List<Offering> offerings) {
        return offerings.stream()
                .filter(o -> o.name().equals("mysql-on-demand"))
                .findFirst()
                .orElseThrow();
    }

    static MemoryManifest emit(List<Offering> offerings) {
        MemoryManifest files = new MemoryManifest();
        new PipelineEmitter().emit(offerings, files);
        new ManifestEmitter().emit(offerings, files);
        return files;
    }

    /** One template rendered with one set of variables: what the broker would do. */
    record Rendition(String path, String kind, Map<String, Object> variables) {
        @Override
        public String toString() {
            return path + " (" + kind + ")";
        }
    }

    /** Every template of every offering, with the operation kinds it is rendered for. */
    static List<Rendition> renditions(List<Offering> offerings, MemoryManifest files) {
        List<Rendition> renditions = new ArrayList<>();
        for (Offering offering : offerings) {
            if (offering.plans().cluster().isEmpty()) {
                continue;
            }
            // one pipeline template for every kind: the kind only changes the variables' operation.*
            for (String kind : List.of("deploy", "update", "recreate", "upgrade", "delete")) {
                renditions.add(new Rendition(
                        BundleLayout.pipeline(offering.name(), BundleLayout.INSTANCE_PIPELINE),
                        kind,
                        Rendering.variables(offering, kind)));
            }
            if (ManifestEmitter.hasDeployment(offering)) {
                renditions.add(new Rendition(
                        BundleLayout.manifest(offering.name()), "deploy", Rendering.variables(offering, "deploy")));
                for (Hook hook : offering.automation().hooks()) {
                    renditions.add(new Rendition(
                            BundleLayout.hookOps(offering.name(), hook.name()),
                            "deploy",
                            Rendering.variables(offering, "deploy")));
                }
            }
        }
        assertTrue(files.files().containsKey(BundleLayout.META_PIPELINE));
        return renditions;
    }
}
