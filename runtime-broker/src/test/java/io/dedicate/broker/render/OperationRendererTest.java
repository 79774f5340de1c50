package io.dedicate.broker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.bundle.TemplateRenderException;
import io.dedicate.bundle.UnsafeValueException;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.render.InstanceIdentity;
import io.dedicate.bundle.render.MetaPipelineEntry;
import io.dedicate.bundle.render.OperationContext;
import io.dedicate.bundle.render.OperationRenderer;
import io.dedicate.bundle.render.RenderedOperation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationRendererTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String INSTANCE_ID = "5f0c2a8e-9b1d-4c3e-8f7a-6b5d4c3b2a19";

    private static LoadedBundle bundle;
    private static OperationRenderer renderer;
    private static ParameterValidator validator;
    private static OfferingModel mysql;
    private static PlanModel small;

    @BeforeAll
    static void load() {
        bundle = BundleLoader.load(TestBundles.mysqlBundle());
        renderer = new OperationRenderer(bundle);
        validator = new ParameterValidator(bundle);
        mysql = bundle.offerings().get(0);
        small = mysql.planByName("cluster-small").orElseThrow();
    }

    private static OperationContext context(String kind, Map<String, Object> params) {
        return new OperationContext(
                mysql,
                small,
                new InstanceIdentity(INSTANCE_ID, "team-db", "team", "prod", "org-guid-1", "space-guid-1"),
                params,
                "op-42",
                kind,
                "https://broker.example.com/reports/op-42",
                "git@git.example.com:ops/deployments.git",
                "main",
                "team/prod/" + INSTANCE_ID);
    }

    private static Map<String, Object> validParams() {
        return validator
                .clusterCreate(mysql, small, Map.of("innodb_buffer_pool_size", "2GB"))
                .values();
    }

    private static JsonNode instanceGroup(JsonNode manifest, String name) {
        for (JsonNode group : manifest.path("instance_groups")) {
            if (group.path("name").asText().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no instance group " + name);
    }

    @Test
    void rendersTheDeployOperation() throws Exception {
        RenderedOperation rendered = renderer.render(context("deploy", validParams()));

        JsonNode pipeline = YAML.readTree(rendered.pipeline());
        assertThat(pipeline.path("jobs").isArray()).isTrue();
        assertThat(rendered.pipeline())
                .contains(INSTANCE_ID)
                .doesNotContain("op-42")
                .doesNotContain("https://broker.example.com/reports");
        assertThat(rendered.operation())
                .isEqualTo("{\"id\":\"op-42\",\"kind\":\"deploy\",\"plan\":\"cluster-small\","
                        + "\"report_url\":\"https://broker.example.com/reports/op-42\"}\n");
        assertThat(pipeline.path("resources")
                        .get(0)
                        .path("source")
                        .path("paths")
                        .get(0)
                        .asText())
                .isEqualTo("team/prod/" + INSTANCE_ID);

        JsonNode manifest = YAML.readTree(Objects.requireNonNull(rendered.manifest()));
        assertThat(manifest.path("name").asText()).isEqualTo("mysql-" + INSTANCE_ID);
        JsonNode mysqlGroup = instanceGroup(manifest, "mysql");
        assertThat(mysqlGroup.path("instances").asInt()).isEqualTo(3);
        assertThat(mysqlGroup.path("vm_type").asText()).isEqualTo("small");
        assertThat(mysqlGroup.path("persistent_disk").asInt()).isEqualTo(10240);
        assertThat(mysqlGroup.path("azs").toString()).isEqualTo("[\"z1\",\"z2\",\"z3\"]");
        assertThat(rendered.manifest()).contains("innodb_buffer_pool_size: 2147483648");

        JsonNode vars = YAML.readTree(rendered.vars());
        assertThat(vars.isObject()).as(rendered.vars()).isTrue();
        assertThat(vars.size())
                .as("nothing secret, nothing per operation in vars.yml")
                .isZero();
    }

    @Test
    void theLargePlansSizingReachesTheManifest() throws Exception {
        PlanModel large = mysql.planByName("cluster-large").orElseThrow();
        OperationContext base = context("update", validParams());
        OperationContext context = new OperationContext(
                mysql,
                large,
                base.instance(),
                base.params(),
                base.operationId(),
                base.operationKind(),
                base.reportUrl(),
                base.gitUri(),
                base.gitBranch(),
                base.gitPath());
        JsonNode manifest =
                YAML.readTree(Objects.requireNonNull(renderer.render(context).manifest()));
        assertThat(instanceGroup(manifest, "mysql").path("vm_type").asText()).isEqualTo("large");
        assertThat(instanceGroup(manifest, "mysql").path("persistent_disk").asInt())
                .isEqualTo(102400);
        assertThat(instanceGroup(manifest, "proxy").path("instances").asInt()).isEqualTo(2);
    }

    @Test
    void everyKindRendersTheSamePipelineAndItsOwnOperationFile() throws Exception {
        String deploy = renderer.render(context("deploy", validParams())).pipeline();
        for (String kind : List.of("deploy", "update", "recreate", "upgrade", "delete")) {
            RenderedOperation rendered = renderer.render(context(kind, validParams()));
            assertThat(YAML.readTree(rendered.pipeline()).path("jobs").size())
                    .as(kind)
                    .isEqualTo(1);
            assertThat(rendered.pipeline()).as(kind).isEqualTo(deploy);
            assertThat(YAML.readTree(rendered.operation()).path("kind").asText())
                    .isEqualTo(kind);
        }
        assertThatThrownBy(() -> renderer.render(context("resize", validParams())))
                .isInstanceOf(TemplateRenderException.class)
                .isNotInstanceOf(UnsafeValueException.class)
                .hasMessageStartingWith("offering mysql-on-demand has no pipeline for operation kind `resize`");
    }

    @Test
    void everyPipelineIsAValidConcoursePipeline() throws Exception {
        Path location = TestBundles.repoRoot()
                .resolve("../shared/concourse/pipeline.schema.json")
                .normalize();
        assertThat(location).as("the independent Concourse pipeline schema").isRegularFile();
        Schema concourse =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(Files.readString(location));
        Map<String, String> pipelines = new LinkedHashMap<>();
        for (String kind : List.of("deploy", "update", "recreate", "upgrade", "delete")) {
            pipelines.put(kind, renderer.render(context(kind, validParams())).pipeline());
        }
        pipelines.put(
                "meta shard",
                renderer.renderOrgMetaPipeline(
                        "team",
                        List.of(new MetaPipelineEntry("mysql-a", "team/prod/a")),
                        "git@example.com:d.git",
                        "main"));
        pipelines.put(
                "emptied meta shard",
                renderer.renderOrgMetaPipeline("team", List.of(), "git@example.com:d.git", "main"));
        pipelines.put(
                "meta shard over https",
                renderer.renderOrgMetaPipeline(
                        "team",
                        List.of(new MetaPipelineEntry("mysql-a", "team/prod/a")),
                        "https://git.example.com/ops/d.git",
                        "main"));
        pipelines.put(
                "root meta",
                renderer.renderRootMetaPipeline(List.of("team", "other"), "git@example.com:d.git", "main"));
        pipelines.put("empty root meta", renderer.renderRootMetaPipeline(List.of(), "git@example.com:d.git", "main"));
        for (Map.Entry<String, String> pipeline : pipelines.entrySet()) {
            assertThat(concourse.validate(YAML.readTree(pipeline.getValue())).stream()
                            .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                            .toList())
                    .as(pipeline.getKey() + " pipeline against the Concourse schema")
                    .isEmpty();
        }
    }

    @Test
    void unknownNamesBecomeEmptyStrings() throws Exception {
        OperationContext base = context("deploy", validParams());
        OperationContext anonymous = new OperationContext(
                mysql,
                small,
                new InstanceIdentity(INSTANCE_ID, null, null, null, "org-guid-1", "space-guid-1"),
                base.params(),
                base.operationId(),
                base.operationKind(),
                base.reportUrl(),
                base.gitUri(),
                base.gitBranch(),
                base.gitPath());
        assertThat(YAML.readTree(renderer.render(anonymous).pipeline())
                        .path("jobs")
                        .isArray())
                .isTrue();
    }

    @Test
    void refusesAnInterpolationSequenceNamingTheParameter() {
        Map<String, Object> params = new LinkedHashMap<>(validParams());
        params.put("character_set", "utf8((x))");
        assertThatThrownBy(() -> renderer.render(context("deploy", params)))
                .isInstanceOf(UnsafeValueException.class)
                .hasMessageContaining("params.character_set")
                .hasMessageContaining("((x))");
    }

    @Test
    void templateSyntaxInValuesComesOutVerbatim() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(validParams());
        params.put("character_set", "{{ 7*7 }}{% if true %}x{% endif %}");
        RenderedOperation rendered = renderer.render(context("deploy", params));
        JsonNode manifest = YAML.readTree(Objects.requireNonNull(rendered.manifest()));
        JsonNode mysqlJob = instanceGroup(manifest, "mysql").path("jobs").get(0);
        assertThat(mysqlJob.path("properties")
                        .path("engine_config")
                        .path("character_set_server")
                        .asText())
                .isEqualTo("{{ 7*7 }}{% if true %}x{% endif %}");
        assertThat(rendered.manifest()).contains("character_set_server: \"{{ 7*7 }}{% if true %}x{% endif %}\"");
    }

    @Test
    void filesAreSortedUnderTheInstanceFolder() {
        RenderedOperation rendered = renderer.render(context("deploy", validParams()));
        Map<String, byte[]> files = rendered.files("team/prod/" + INSTANCE_ID);
        assertThat(files.keySet())
                .containsExactly(
                        "team/prod/" + INSTANCE_ID + "/manifest.yml",
                        "team/prod/" + INSTANCE_ID + "/operation.json",
                        "team/prod/" + INSTANCE_ID + "/pipeline.yml",
                        "team/prod/" + INSTANCE_ID + "/vars.yml");
        assertThat(new String(files.get("team/prod/" + INSTANCE_ID + "/vars.yml"), StandardCharsets.UTF_8))
                .isEqualTo(OperationRenderer.VARS);
        assertThat(rendered.toString()).doesNotContain("tok-");
    }

    @Test
    void anOrgsMetaPipelineShardListsEveryClusterOfTheOrg() throws Exception {
        String meta = renderer.renderOrgMetaPipeline(
                "team",
                List.of(
                        new MetaPipelineEntry("mysql-a", "team/prod/a"),
                        new MetaPipelineEntry("mysql-b", "team/dev/b")),
                "git@git.example.com:ops/deployments.git",
                "main");
        JsonNode pipeline = YAML.readTree(meta);
        assertThat(setPipelineSteps(pipeline.path("jobs").get(0)))
                .containsExactly("self deployments/team/meta-pipeline.yml {}");
        assertThat(setPipelineSteps(pipeline.path("jobs").get(1)))
                .containsExactly(
                        "dedicated-cluster deployments/team/prod/a/pipeline.yml {\"instance\":\"mysql-a\"}",
                        "dedicated-cluster deployments/team/dev/b/pipeline.yml {\"instance\":\"mysql-b\"}");
        assertThat(pipeline.path("jobs")
                        .get(1)
                        .path("plan")
                        .get(0)
                        .path("passed")
                        .toString())
                .isEqualTo("[\"update-self\"]");
        JsonNode source = pipeline.path("resources").get(0).path("source");
        assertThat(source.path("uri").asText()).isEqualTo("git@git.example.com:ops/deployments.git");
        assertThat(source.path("private_key").asText()).isEqualTo("((git_private_key))");
        assertThat(source.has("password")).isFalse();
        assertThat(source.path("paths").toString()).isEqualTo("[\"team/meta-pipeline.yml\",\"team/*/pipeline.yml\"]");
    }

    @Test
    void theRootMetaPipelineSetsOneShardPerOrgAndWatchesOnlyItsFile() throws Exception {
        JsonNode pipeline = YAML.readTree(
                renderer.renderRootMetaPipeline(List.of("org-a", "org-b"), "git@git.example.com:d.git", "main"));
        assertThat(setPipelineSteps(pipeline.path("jobs").get(0)))
                .containsExactly("self deployments/meta-pipeline.yml {}");
        assertThat(setPipelineSteps(pipeline.path("jobs").get(1)))
                .containsExactly(
                        "dedicated-org deployments/org-a/meta-pipeline.yml {\"org\":\"org-a\"}",
                        "dedicated-org deployments/org-b/meta-pipeline.yml {\"org\":\"org-b\"}");
        assertThat(pipeline.path("resources")
                        .get(0)
                        .path("source")
                        .path("paths")
                        .toString())
                .isEqualTo("[\"meta-pipeline.yml\"]");
    }

    /** Each set_pipeline step of a job: "NAME FILE INSTANCE_VARS". */
    static List<String> setPipelineSteps(JsonNode job) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : job.path("plan")) {
            if (step.has("set_pipeline")) {
                JsonNode vars = step.path("instance_vars");
                steps.add(step.path("set_pipeline").asText() + " "
                        + step.path("file").asText() + " " + (vars.isMissingNode() ? "{}" : vars.toString()));
            }
        }
        return steps;
    }

    @Test
    void httpsRepositoriesAuthenticateWithUsernameAndToken() throws Exception {
        OperationContext base = context("deploy", validParams());
        OperationContext https = new OperationContext(
                mysql,
                small,
                base.instance(),
                base.params(),
                base.operationId(),
                base.operationKind(),
                base.reportUrl(),
                "https://git.example.com/ops/deployments.git",
                base.gitBranch(),
                base.gitPath());
        for (JsonNode resource :
                YAML.readTree(renderer.render(https).pipeline()).path("resources")) {
            JsonNode source = resource.path("source");
            assertThat(source.path("username").asText())
                    .as(resource.path("name").asText())
                    .isEqualTo("((git_username))");
            assertThat(source.path("password").asText()).isEqualTo("((git_password))");
            assertThat(source.has("private_key")).isFalse();
        }
        for (JsonNode resource : YAML.readTree(renderer.render(base).pipeline()).path("resources")) {
            assertThat(resource.path("source").path("private_key").asText()).isEqualTo("((git_private_key))");
            assertThat(resource.path("source").has("password")).isFalse();
        }
        for (String meta : List.of(
                renderer.renderOrgMetaPipeline(
                        "o",
                        List.of(new MetaPipelineEntry("a", "o/s/a")),
                        "https://git.example.com/ops/deployments.git",
                        "main"),
                renderer.renderRootMetaPipeline(List.of("o"), "https://git.example.com/ops/deployments.git", "main"))) {
            JsonNode source = YAML.readTree(meta).path("resources").get(0).path("source");
            assertThat(source.path("password").asText()).isEqualTo("((git_password))");
            assertThat(source.has("private_key")).isFalse();
        }
    }

    @Test
    void measuresRenderingTimes() {
        List<MetaPipelineEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(new MetaPipelineEntry("mysql-" + i, "org-" + (i % 50) + "/space/" + i));
        }
        renderer.renderOrgMetaPipeline("org", entries, "git@example.com:d.git", "main");
        long[] meta = new long[5];
        for (int i = 0; i < meta.length; i++) {
            long start = System.nanoTime();
            String text = renderer.renderOrgMetaPipeline("org", entries, "git@example.com:d.git", "main");
            meta[i] = System.nanoTime() - start;
            assertThat(text).contains("mysql-9999");
        }
        OperationContext context = context("deploy", validParams());
        for (int i = 0; i < 50; i++) {
            renderer.render(context);
        }
        long[] deploy = new long[200];
        for (int i = 0; i < deploy.length; i++) {
            long start = System.nanoTime();
            renderer.render(context);
            deploy[i] = System.nanoTime() - start;
        }
        System.out.printf(
                "render timings: meta pipeline with 10,000 entries median %.1f ms; deploy operation (pipeline,"
                        + " manifest, vars) median %.2f ms, p90 %.2f ms over %d warm calls%n",
                percentile(meta, 50) / 1e6, percentile(deploy, 50) / 1e6, percentile(deploy, 90) / 1e6, deploy.length);
    }

    private static long percentile(long[] samples, int percent) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }
}
