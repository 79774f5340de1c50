package io.dedicate.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.http.ConcourseSchema;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.InstanceFolder;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.render.OperationRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meta pipeline files over a sequence of operations, rendered from the MySQL bundle: what the root and each
 * org's shard set, that every file is a valid Concourse pipeline, that an org keeps its (emptied) shard after its
 * last cluster is deleted, and, with the system's git, which commits each file's git resource {@code paths} select
 * (the concourse/git-resource check runs {@code git rev-list --all --first-parent -- PATHS}).
 */
class MetaPipelineShardsTest {

    private static final String URI = "git@git.example.com:ops/deployments.git";
    private static OperationRenderer renderer;

    @TempDir
    Path repository;

    @BeforeAll
    static void load() {
        renderer = new OperationRenderer(BundleLoader.load(TestBundles.mysqlBundle()));
    }

    @Test
    void createInTwoOrgsThenDeleteTheLastClusterOfOne() {
        List<String> orgs = new ArrayList<>();
        List<InstanceFolder> folders = new ArrayList<>();

        // a1 in org-a, b1 in org-b, a2 in org-a
        orgs.addAll(List.of("org-a", "org-b"));
        folders.add(new InstanceFolder("a1", "org-a/space-1/a1"));
        folders.add(new InstanceFolder("a2", "org-a/space-2/a2"));
        folders.add(new InstanceFolder("b1", "org-b/space-1/b1"));
        SortedMap<String, String> both = render(orgs, folders);
        assertThat(both.keySet())
                .containsExactly("meta-pipeline.yml", "org-a/meta-pipeline.yml", "org-b/meta-pipeline.yml");
        both.forEach((path, text) ->
                assertThat(ConcourseSchema.violations(text)).as(path).isEmpty());
        assertThat(sets(file(both, "meta-pipeline.yml")))
                .containsExactly(
                        "dedicated-org deployments/org-a/meta-pipeline.yml {\"org\":\"org-a\"}",
                        "dedicated-org deployments/org-b/meta-pipeline.yml {\"org\":\"org-b\"}");
        assertThat(sets(file(both, "org-a/meta-pipeline.yml")))
                .containsExactly(
                        "dedicated-cluster deployments/org-a/space-1/a1/pipeline.yml {\"instance\":\"a1\"}",
                        "dedicated-cluster deployments/org-a/space-2/a2/pipeline.yml {\"instance\":\"a2\"}");
        assertThat(sets(file(both, "org-b/meta-pipeline.yml")))
                .containsExactly("dedicated-cluster deployments/org-b/space-1/b1/pipeline.yml {\"instance\":\"b1\"}");

        // b1, the last cluster of org-b, deleted: its folder is gone, org-b stays in the store's orgs
        folders.removeIf(folder -> folder.instanceId().equals("b1"));
        SortedMap<String, String> emptied = render(orgs, folders);
        emptied.forEach((path, text) ->
                assertThat(ConcourseSchema.violations(text)).as(path).isEmpty());
        assertThat(emptied.get("meta-pipeline.yml"))
                .as("the root's file changes only with the set of orgs")
                .isEqualTo(both.get("meta-pipeline.yml"));
        assertThat(emptied.get("org-a/meta-pipeline.yml")).isEqualTo(both.get("org-a/meta-pipeline.yml"));
        JsonNode shard = ConcourseSchema.parse(file(emptied, "org-b/meta-pipeline.yml"));
        assertThat(sets(file(emptied, "org-b/meta-pipeline.yml"))).isEmpty();
        assertThat(shard.path("jobs").get(1).path("plan").size())
                .as("the emptied shard's set-pipelines job still runs (a get, no set_pipeline): its successful"
                        + " build archives b1's pipeline")
                .isEqualTo(1);

        // a cluster in a third org adds a shard and changes the root
        orgs.add("org-c");
        folders.add(new InstanceFolder("c1", "org-c/space/c1"));
        SortedMap<String, String> third = render(orgs, folders);
        assertThat(third.get("meta-pipeline.yml")).isNotEqualTo(emptied.get("meta-pipeline.yml"));
        assertThat(third.get("org-b/meta-pipeline.yml")).isEqualTo(emptied.get("org-b/meta-pipeline.yml"));
    }

    @Test
    void anOrgWithAClusterButNotYetInTheStoresOrgsGetsItsShardAndABadFolderIsRefused() {
        SortedMap<String, String> files = render(List.of(), List.of(new InstanceFolder("x", "org-x/s/x")));
        assertThat(files.keySet()).containsExactly("meta-pipeline.yml", "org-x/meta-pipeline.yml");
        assertThatThrownBy(() -> render(List.of(), List.of(new InstanceFolder("y", "flat-y"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'flat-y'")
                .hasMessageContaining("ORG_GUID/SPACE_GUID/INSTANCE_ID");
    }

    @Test
    void eachGitResourceSelectsOnlyTheCommitsThatChangeItsPipelines() throws Exception {
        git("init", "-q", "-b", "main");
        List<String> orgs = List.of("org-a", "org-b");
        List<InstanceFolder> folders =
                List.of(new InstanceFolder("a1", "org-a/space-1/a1"), new InstanceFolder("b1", "org-b/space-1/b1"));
        SortedMap<String, String> meta = render(orgs, folders);
        Map<String, String> commits = new LinkedHashMap<>();
        commits.put("meta", commit(meta, "meta pipelines"));
        commits.put(
                "a1 operation",
                commit(Map.of("org-a/space-1/a1/operation.json", "{}", "org-a/space-1/a1/manifest.yml", "m"), "op"));
        commits.put("a1 pipeline", commit(Map.of("org-a/space-1/a1/pipeline.yml", "jobs: []\n"), "pipeline a1"));
        commits.put("b1 pipeline", commit(Map.of("org-b/space-1/b1/pipeline.yml", "jobs: []\n"), "pipeline b1"));
        commits.put(
                "org-a shard",
                commit(Map.of("org-a/meta-pipeline.yml", meta.get("org-a/meta-pipeline.yml") + "# x\n"), "shard a"));

        assertThat(selected(paths(file(meta, "meta-pipeline.yml")), commits)).containsExactly("meta");
        assertThat(selected(paths(file(meta, "org-a/meta-pipeline.yml")), commits))
                .as("`*` crosses `/`: org-a/*/pipeline.yml matches org-a/space-1/a1/pipeline.yml")
                .containsExactly("meta", "a1 pipeline", "org-a shard");
        assertThat(selected(paths(file(meta, "org-b/meta-pipeline.yml")), commits))
                .containsExactly("meta", "b1 pipeline");
    }

    private static String file(Map<String, String> files, String path) {
        return java.util.Objects.requireNonNull(files.get(path), path);
    }

    private static SortedMap<String, String> render(List<String> orgs, List<InstanceFolder> folders) {
        return MetaPipelineShards.render(renderer, orgs, folders, URI, "main");
    }

    /** The set_pipeline steps of the set-pipelines job: "NAME FILE INSTANCE_VARS". */
    private static List<String> sets(String pipelineYaml) {
        List<String> steps = new ArrayList<>();
        JsonNode jobs = ConcourseSchema.parse(pipelineYaml).path("jobs");
        assertThat(jobs.get(0).path("name").asText()).isEqualTo("update-self");
        assertThat(jobs.get(1).path("name").asText()).isEqualTo("set-pipelines");
        for (JsonNode step : jobs.get(1).path("plan")) {
            if (step.has("set_pipeline")) {
                steps.add(step.path("set_pipeline").asText() + " "
                        + step.path("file").asText() + " " + step.path("instance_vars"));
            }
        }
        return steps;
    }

    private static List<String> paths(String pipelineYaml) {
        List<String> paths = new ArrayList<>();
        ConcourseSchema.parse(pipelineYaml)
                .path("resources")
                .get(0)
                .path("source")
                .path("paths")
                .forEach(path -> paths.add(path.asText()));
        return paths;
    }

    /** The commits, by name, that {@code git rev-list --all --first-parent -- PATHS} lists, oldest first. */
    private List<String> selected(List<String> paths, Map<String, String> commits) throws Exception {
        List<String> command = new ArrayList<>(List.of("rev-list", "--all", "--first-parent", "--reverse", "--"));
        command.addAll(paths);
        List<String> listed =
                List.of(git(command.toArray(String[]::new)).strip().split("\n"));
        List<String> names = new ArrayList<>();
        commits.forEach((name, id) -> {
            if (listed.contains(id)) {
                names.add(name);
            }
        });
        return names;
    }

    private String commit(Map<String, String> files, String message) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = repository.resolve(file.getKey());
            Files.createDirectories(path.getParent() == null ? repository : path.getParent());
            Files.writeString(path, file.getValue());
        }
        git("add", "-A");
        git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    private String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
        return output;
    }
}
