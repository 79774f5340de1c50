package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Offering;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Conformance of the templates emitted for the real, compiled {@code offerings/}. */
class CompiledOfferingsTemplatesTest {

    private static final List<Offering> OFFERINGS = CompiledOfferings.offerings();
    private static final MemoryManifest FILES = CompiledOfferings.emit(OFFERINGS);

    static Stream<CompiledOfferings.Rendition> renditions() {
        return CompiledOfferings.renditions(OFFERINGS, FILES).stream();
    }

    @ParameterizedTest
    @MethodSource("renditions")
    void everyTemplateRendersToWhatItsConsumerAccepts(CompiledOfferings.Rendition rendition) {
        JsonNode rendered = Rendering.yaml(rendition.path(), FILES.text(rendition.path()), rendition.variables());
        if (rendition.path().startsWith("pipelines/")) {
            ConcourseSchema.assertValid(rendition.toString(), rendered);
            JsonNode job = rendered.path("jobs").get(0);
            JsonNode plan = job.path("plan");
            assertEquals(
                    "report-success", plan.get(plan.size() - 1).path("task").textValue(), rendition + ": last step");
            for (String hook : new String[] {"on_failure", "on_error", "on_abort"}) {
                assertEquals(
                        "failed",
                        job.path(hook)
                                .path("config")
                                .path("params")
                                .path("REPORT_STATE")
                                .textValue());
            }
        } else if (rendition.path().contains("/hooks/")) {
            assertTrue(rendered.isArray() && !rendered.isEmpty(), rendition + ": an ops file is a list of ops");
            rendered.forEach(op -> {
                assertEquals("replace", op.path("type").textValue(), rendition.toString());
                assertTrue(op.path("path").textValue().startsWith("/"), rendition + ": ops path");
                assertTrue(op.has("value"), rendition + ": ops value");
            });
        } else {
            BoshManifests.assertValid(rendered);
        }
    }

    @Test
    void theMetaPipelineRendersInBothShapesToValidPipelines() {
        String template = FILES.text(BundleLayout.META_PIPELINE);
        ConcourseSchema.assertValid(
                "meta pipeline shard", Rendering.yaml("meta", template, TemplateSamples.metaPipeline()));
        ConcourseSchema.assertValid(
                "root meta pipeline", Rendering.yaml("meta", template, TemplateSamples.rootMetaPipeline()));
    }

    @Test
    void mysqlManifestNestsPropertiesWithRenderedValues() {
        Offering mysql = CompiledOfferings.mysql(OFFERINGS);
        JsonNode manifest = Rendering.yaml(
                "manifest", FILES.text(BundleLayout.manifest("mysql-on-demand")), Rendering.variables(mysql, "deploy"));
        JsonNode mysqlJob = manifest.path("instance_groups").get(0).path("jobs").get(0);
        assertEquals("pxc-mysql", mysqlJob.path("name").textValue());
        JsonNode properties = mysqlJob.path("properties");
        JsonNode engine = properties.path("engine_config");
        assertEquals(1073741824L, engine.path("innodb_buffer_pool_size").longValue());
        assertEquals(false, engine.path("audit_logs").path("enabled").booleanValue());
        assertEquals(true, engine.path("galera").path("enabled").booleanValue());
        assertEquals(
                "((mysql_admin_password))", properties.path("admin_password").textValue());
        assertEquals(
                "((mysql_server_tls))", properties.path("tls").path("server").textValue());
        assertEquals(
                "((dedicate_admin_password))",
                properties
                        .path("seeded_users")
                        .path("dedicate_admin")
                        .path("password")
                        .textValue());
        assertEquals(
                "mysql-0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10",
                manifest.path("name").textValue());
        assertEquals(
                3, manifest.path("instance_groups").get(0).path("instances").intValue());
        assertEquals(
                10240,
                manifest.path("instance_groups").get(0).path("persistent_disk").intValue());
        JsonNode tls = manifest.path("variables").findValue("alternative_names");
        assertEquals(
                "*.proxy.tenant-clusters.mysql-0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10.bosh",
                tls.get(0).textValue());
    }

    @Test
    void theHandBuiltFixtureMatchesTheCompiledOffering() {
        Offering compiled = CompiledOfferings.mysql(OFFERINGS);
        MemoryManifest fixture = CompiledOfferings.emit(List.of(HandBuiltOfferings.mysqlAsWritten()));
        for (String path : FILES.files().keySet()) {
            assertEquals(
                    withoutPositions(FILES.text(path)),
                    withoutPositions(fixture.text(path)),
                    path + ": the fixture of the edge-case tests drifted from offerings/mysql.offering");
        }
        assertEquals(
                compiled.outputs().size(),
                HandBuiltOfferings.mysqlAsWritten().outputs().size());
    }

    @Test
    void emittingTwiceGivesTheSameBytes() {
        MemoryManifest again = CompiledOfferings.emit(CompiledOfferings.offerings());
        assertEquals(FILES.files().keySet(), again.files().keySet());
        FILES.files()
                .forEach((path, bytes) -> assertArrayEquals(bytes, again.files().get(path), path));
    }

    private static String withoutPositions(String template) {
        return template.replaceAll("\\([^()]*:[0-9]+:[0-9]+\\)", "(…)");
    }
}
