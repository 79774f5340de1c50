package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MySQL cluster's whole life over HTTP, on a real state store and a real bare git repository:
 * provision, the pipeline's report, plan changes (allowed and refused), parameter updates,
 * recreate, delete, and a broker restart between a commit and its report. Runs on the state store
 * this run uses ({@link TestStores}): the build runs it on H2, then on PostgreSQL.
 */
abstract class ClusterLifeContract {

    static final String SERVICE = "8de0837c-7c94-5680-aabb-1a527f3ab4ad";
    static final String SMALL = "37282dad-6171-54b3-a28e-1a395472b7ac";
    static final String LARGE = "bcc35ba7-5a52-5354-8244-720b472592ed";
    static final String ORG = "0b5f3f9e-org";
    static final String SPACE = "6f1f0c9a-space";

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;

    /** A JDBC URL of an empty database for this test, on the store this run uses ({@link TestStores}). */
    String jdbcUrl(Path data) {
        return TestStores.jdbcUrl(data);
    }

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> context(String instanceName) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("platform", "cloudfoundry");
        context.put("organization_guid", ORG);
        context.put("organization_name", "my-org");
        context.put("space_guid", SPACE);
        context.put("space_name", "my-space");
        context.put("instance_name", instanceName);
        return context;
    }

    static Map<String, Object> provisionBody(String plan, Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        body.put("plan_id", plan);
        body.put("organization_guid", ORG);
        body.put("space_guid", SPACE);
        body.put("context", context("my-cluster"));
        body.put("parameters", parameters);
        return body;
    }

    static String instancePath(String id) {
        return "/v2/service_instances/" + id;
    }

    String folder(String id) {
        return ORG + "/" + SPACE + "/" + id;
    }

    Answer lastOperation(String id, String operation) {
        return osb.get(instancePath(id) + "/last_operation?service_id=" + SERVICE + "&operation=" + operation);
    }

    /** Posts the report the pipeline's last step would post: URL from the committed files, signed with the test key. */
    Answer report(String id, String state, Map<String, Object> outputs) {
        String pipeline = file(folder(id) + "/operation.json");
        String url = reportUrl(pipeline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("description", "deploy of my-cluster " + state);
        body.put("outputs", outputs);
        return new OsbClient(() -> "").report(url, body);
    }

    /** The report URL of the operation.json the broker committed (the pipeline reads it at run time). */
    static String reportUrl(String operationJson) {
        String url = ConcourseSchema.parse(operationJson).path("report_url").asText("");
        assertThat(url).as("report_url of " + operationJson).isNotEmpty();
        return url;
    }

    String provisionReady(String id) {
        Answer created = osb.put(instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(report(id, "succeeded", Map.of("host", "10.0.0.1")).status()).isEqualTo(200);
        return created.text("operation");
    }

    // ------------------------------------------------------------------ the life

    @Test
    void theBrokerRunsOnTheStoreThisRunChose() throws java.sql.SQLException {
        try (java.sql.Connection connection =
                broker.bean(javax.sql.DataSource.class).getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            assertThat(product).isEqualTo(TestStores.name().equals("postgres") ? "PostgreSQL" : "H2");
        }
    }

    @Test
    void aClusterLivesAndDies() {
        Answer catalog = osb.get("/v2/catalog");
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(json(catalog).get("services").get(0).get("name").asText()).isEqualTo("mysql-on-demand");

        String id = UUID.randomUUID().toString();
        Map<String, Object> parameters = Map.of("max_connections", 2000, "innodb_buffer_pool_size", "2GB");
        Answer created = osb.put(instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, parameters));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String deploy = created.text("operation");
        assertThat(deploy).isNotEmpty();
        assertThat(created.text("dashboard_url")).contains(id);

        // the same request again: the same operation; another request with the same id: 409
        Answer again = osb.put(instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, parameters));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.text("operation")).isEqualTo(deploy);
        Answer conflict = osb.put(
                instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, Map.of("max_connections", 3000)));
        assertThat(conflict.status()).isEqualTo(409);

        // one commit, naming instance, operation, plan and requester, with a valid pipeline
        List<String> messages = repository.operationMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0))
                .contains(id)
                .contains(deploy)
                .contains("cluster-small")
                .contains("user-1234")
                .contains("Operation-Id: " + deploy);
        String pipeline = file(folder(id) + "/pipeline.yml");
        assertThat(ConcourseSchema.violations(pipeline)).isEmpty();
        assertThat(ConcourseSchema.parse(file(folder(id) + "/operation.json"))
                        .path("id")
                        .asText())
                .isEqualTo(deploy);
        assertThat(repository.read(folder(id) + "/manifest.yml")).contains("2147483648");
        assertThat(repository.read(folder(id) + "/operation")).isEqualTo(deploy + "\n");
        // the org's shard sets the cluster's pipeline; the root sets the shard
        String shard = metaPipelineWhen(ORG + "/meta-pipeline.yml", text -> text.contains(folder(id)));
        assertThat(ConcourseSchema.violations(shard)).isEmpty();
        String root = metaPipelineWhen("meta-pipeline.yml", text -> text.contains(ORG));
        assertThat(ConcourseSchema.violations(root)).isEmpty();
        assertThat(root).doesNotContain(id);

        assertThat(lastOperation(id, deploy).text("state")).isEqualTo("in progress");
        assertThat(osb.get(instancePath(id)).status()).isEqualTo(404);

        // the pipeline reports: a report signed with another key is refused, the right one accepted once
        byte[] forgedBody = "{\"state\":\"succeeded\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Answer forged = new OsbClient(() -> "")
                .reportRaw(
                        reportUrl(file(folder(id) + "/operation.json")),
                        forgedBody,
                        Signatures.sign(
                                "ff".repeat(32),
                                OsbClient.operationOf(reportUrl(file(folder(id) + "/operation.json"))),
                                forgedBody));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(lastOperation(id, deploy).text("state")).isEqualTo("in progress");
        Answer reported =
                report(id, "succeeded", Map.of("host", "10.0.0.1", "port", 3306, "admin_password", "s3cret!"));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(report(id, "failed", Map.of()).status()).isEqualTo(409);
        Answer succeeded = lastOperation(id, deploy);
        assertThat(succeeded.text("state")).isEqualTo("succeeded");

        // the dashboard: behind the broker's credentials, the plan and the operations, names escaped
        String dashboard = created.text("dashboard_url").replace(broker.baseUrl(), "");
        Answer page = osb.get(dashboard);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("cluster-small")
                .contains("deploy")
                .contains("succeeded")
                .contains("my-cluster");
        assertThat(page.body()).doesNotContain("s3cret!");
        // without credentials: the signed link opens the page, the bare path does not
        assertThat(osb.with("Authorization", null).get(dashboard).status()).isEqualTo(200);
        assertThat(osb.with("Authorization", null)
                        .get(dashboard.substring(0, dashboard.indexOf('?')))
                        .status())
                .isEqualTo(401);

        Answer fetched = osb.get(instancePath(id));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.text("plan_id")).isEqualTo(SMALL);
        assertThat(json(fetched).get("parameters").get("max_connections").asLong())
                .isEqualTo(2000);
        assertThat(fetched.body()).doesNotContain("s3cret!");
        assertThat(osb.put(instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, parameters))
                        .status())
                .isEqualTo(200);

        // plan change along the upgrade path
        Answer toLarge = osb.patch(instancePath(id) + "?accepts_incomplete=true", update(LARGE, Map.of()));
        assertThat(toLarge.status()).as(toLarge.toString()).isEqualTo(202);
        assertThat(repository.read(folder(id) + "/manifest.yml")).contains("large");
        assertThat(report(id, "succeeded", Map.of()).status()).isEqualTo(200);
        assertThat(osb.get(instancePath(id)).text("plan_id")).isEqualTo(LARGE);

        // and back: refused, naming why; nothing committed
        int commits = repository.commitCount();
        Answer back = osb.patch(instancePath(id) + "?accepts_incomplete=true", update(SMALL, Map.of()));
        assertThat(back.status()).isEqualTo(400);
        assertThat(back.text("description")).contains("cluster-large").contains("cluster-small");
        assertThat(repository.commitCount()).isEqualTo(commits);

        // new parameter values re-render and re-commit; create-only ones are refused
        Answer tuned =
                osb.patch(instancePath(id) + "?accepts_incomplete=true", update(null, Map.of("max_connections", 3000)));
        assertThat(tuned.status()).as(tuned.toString()).isEqualTo(202);
        assertThat(repository.read(folder(id) + "/manifest.yml")).contains("3000");
        // a new operation commits a new operation.json, never a new pipeline config (issue 11)
        assertThat(file(folder(id) + "/pipeline.yml")).isEqualTo(pipeline);
        assertThat(ConcourseSchema.parse(file(folder(id) + "/operation.json"))
                        .path("id")
                        .asText())
                .isEqualTo(tuned.text("operation"));
        assertThat(report(id, "succeeded", Map.of()).status()).isEqualTo(200);
        Answer createOnly =
                osb.patch(instancePath(id) + "?accepts_incomplete=true", update(null, Map.of("major_version", "5.7")));
        assertThat(createOnly.status()).isEqualTo(400);
        assertThat(createOnly.text("description")).contains("major_version").contains("create-only");

        // recreate runs the recreate pipeline
        Answer recreate =
                osb.patch(instancePath(id) + "?accepts_incomplete=true", update(null, Map.of("recreate", true)));
        assertThat(recreate.status()).as(recreate.toString()).isEqualTo(202);
        assertThat(file(folder(id) + "/pipeline.yml")).isEqualTo(pipeline);
        assertThat(file(folder(id) + "/operation.json")).contains("\"kind\":\"recreate\"");
        assertThat(report(id, "succeeded", Map.of()).status()).isEqualTo(200);

        // an unknown maintenance version: 422 MaintenanceInfoConflict
        Map<String, Object> upgrade = update(null, Map.of());
        upgrade.put("maintenance_info", Map.of("version", "9.9.9"));
        Answer unknownVersion = osb.patch(instancePath(id) + "?accepts_incomplete=true", upgrade);
        assertThat(unknownVersion.status()).isEqualTo(422);
        assertThat(unknownVersion.text("error")).isEqualTo("MaintenanceInfoConflict");

        // delete: 202, the delete pipeline, then 410 once reported
        Answer deleting =
                osb.delete(instancePath(id) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + LARGE);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        String delete = deleting.text("operation");
        assertThat(file(folder(id) + "/pipeline.yml")).isEqualTo(pipeline);
        assertThat(file(folder(id) + "/operation.json")).contains("\"kind\":\"delete\"");
        assertThat(report(id, "succeeded", Map.of()).status()).isEqualTo(200);
        assertThat(lastOperation(id, delete).status()).isEqualTo(410);
        assertThat(osb.delete(instancePath(id) + "?accepts_incomplete=true&service_id=" + SERVICE + "&plan_id=" + LARGE)
                        .status())
                .isEqualTo(410);
        assertThat(repository.read(folder(id) + "/pipeline.yml")).isNull();
        // the cleanup commit removes operation.json with the folder: no build of the pipeline acts again
        assertThat(repository.read(folder(id) + "/operation.json")).isNull();
        // the org's shard stays, empty, and the root keeps setting it: a successful build of the shard that no
        // longer sets the cluster's pipeline is what archives it
        String emptied = metaPipelineWhen(ORG + "/meta-pipeline.yml", text -> !text.contains(id));
        assertThat(ConcourseSchema.violations(emptied)).isEmpty();
        assertThat(file("meta-pipeline.yml")).contains(ORG);
    }

    static Map<String, Object> update(@Nullable String plan, Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        if (plan != null) {
            body.put("plan_id", plan);
        }
        body.put("context", context("my-cluster"));
        body.put("parameters", parameters);
        return body;
    }

    @Test
    void aRestartBetweenTheCommitAndTheReportLosesNothing() {
        String id = UUID.randomUUID().toString();
        Answer created = osb.put(instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, Map.of()));
        assertThat(created.status()).isEqualTo(202);
        String operation = created.text("operation");
        broker.stop();
        broker.start();
        assertThat(lastOperation(id, operation).text("state")).isEqualTo("in progress");
        assertThat(report(id, "succeeded", Map.of()).status()).isEqualTo(200);
        assertThat(lastOperation(id, operation).text("state")).isEqualTo("succeeded");
        assertThat(repository.commitCount()).isEqualTo(1);
    }

    @Test
    void aFailedReportFailsTheOperation() {
        String id = UUID.randomUUID().toString();
        Answer created = osb.put(instancePath(id) + "?accepts_incomplete=true", provisionBody(SMALL, Map.of()));
        Answer reported = report(id, "failed", Map.of());
        assertThat(reported.status()).isEqualTo(200);
        Answer last = lastOperation(id, created.text("operation"));
        assertThat(last.text("state")).isEqualTo("failed");
        assertThat(last.text("description")).contains("failed");
    }

    /** The meta pipeline file {@code path} once it satisfies {@code condition} (it is committed in the background). */
    String metaPipelineWhen(String path, java.util.function.Predicate<String> condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        String meta = "";
        while (System.nanoTime() < deadline) {
            String read = repository.read(path);
            meta = read == null ? "" : read;
            if (condition.test(meta)) {
                return meta;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(path + " never satisfied the condition; last seen:\n" + meta);
    }

    /** A file of the deployment repository that must exist. */
    String file(String path) {
        String content = repository.read(path);
        assertThat(content).as(path + " in the deployment repository").isNotNull();
        return content == null ? "" : content;
    }

    JsonNode json(Answer answer) {
        JsonNode json = answer.json();
        assertThat(json).as(answer.toString()).isNotNull();
        return json == null ? OsbClient.JSON.nullNode() : json;
    }
}
