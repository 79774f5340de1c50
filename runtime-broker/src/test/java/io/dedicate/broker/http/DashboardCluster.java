package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlAdminEndpoint;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.PlanModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A broker with a ready cluster whose admin endpoint is the test MariaDB, for the dashboard tests: the cluster's deploy
 * is reported with outputs (the admin password a secret output), children are created and bound through the OSB API,
 * and cluster updates are accepted and reported like the pipeline would.
 */
final class DashboardCluster implements AutoCloseable {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String LARGE = ClusterLifeContract.LARGE;

    final RunningBroker broker;
    final OsbClient osb;
    final DeploymentRepository repository;
    final String clusterId = UUID.randomUUID().toString();
    final String clusterName;
    final String adminPassword;

    /** Starts a broker in {@code data} and provisions a cluster named {@code clusterName}, reported ready. */
    DashboardCluster(Path data, String clusterName, Map<String, String> settings) {
        this.clusterName = clusterName;
        this.broker = new RunningBroker(TestBundles.mysqlBundle(), data, TestStores.jdbcUrl(data), settings).start();
        this.osb = new OsbClient(broker::baseUrl);
        this.repository = new DeploymentRepository(data.resolve("deployments.git"));
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of());
        body.put("context", ClusterLifeContract.context(clusterName));
        Answer created = osb.put(path(clusterId) + "?accepts_incomplete=true", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        MysqlAdminEndpoint admin = MariaDbServer.get().admin();
        this.adminPassword = admin.adminPassword();
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Answer reported = report("succeeded", outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
    }

    /** The ID of the child plan named {@code name} (e.g. {@code 100mb}). */
    String childPlan(String name) {
        return broker.bean(LoadedBundle.class)
                .offering(SERVICE)
                .flatMap(offering -> offering.planByName(name))
                .map(PlanModel::id)
                .orElseThrow();
    }

    /** Creates a child of plan {@code planName} named {@code name} in the cluster (by GUID); returns its ID. */
    String child(String planName, String name) {
        String id = UUID.randomUUID().toString();
        Answer created =
                osb.put(path(id), ChildDatabaseTest.childBody(childPlan(planName), Map.of("cluster", clusterId), name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    /** Binds {@code childId} of plan {@code planName}; returns the binding's credentials. */
    JsonNode bind(String childId, String planName) {
        Map<String, Object> body = ChildDatabaseTest.bindBody(Map.of());
        body.put("plan_id", childPlan(planName));
        Answer bound = osb.put(path(childId) + "/service_bindings/" + UUID.randomUUID(), body);
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        JsonNode json = bound.json();
        assertThat(json).isNotNull();
        return json == null ? OsbClient.JSON.nullNode() : json.get("credentials");
    }

    /** Accepts a cluster update (a plan change when {@code plan} is given); returns the operation's ID. */
    String update(@Nullable String plan, Map<String, Object> parameters) {
        Map<String, Object> body = ClusterLifeContract.update(plan, parameters);
        body.put("context", ClusterLifeContract.context(clusterName));
        Answer accepted = osb.patch(path(clusterId) + "?accepts_incomplete=true", body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.text("operation");
    }

    /** Posts the report of the cluster's current operation, as its pipeline's last step would. */
    Answer report(String state, Map<String, Object> outputs) {
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + clusterId;
        String pipeline = file(folder + "/operation.json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("description", "pipeline " + state);
        body.put("outputs", outputs);
        return new OsbClient(() -> "").report(ClusterLifeContract.reportUrl(pipeline), body);
    }

    /** The GET of an instance, checked 200; its JSON. */
    JsonNode fetch(String id) {
        Answer fetched = osb.get(path(id));
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        JsonNode json = fetched.json();
        assertThat(json).isNotNull();
        return json == null ? OsbClient.JSON.nullNode() : json;
    }

    /** The cluster's {@code dashboard_url} as a GET of the cluster hands it out now. */
    String dashboardUrl() {
        return fetch(clusterId).get("dashboard_url").asText();
    }

    /** A page of the broker without the broker's credentials, as a browser would load it. */
    Answer anonymous(String url) {
        return osb.with("Authorization", null).get(url.replace(broker.baseUrl(), ""));
    }

    static String path(String id) {
        return ClusterLifeContract.instancePath(id);
    }

    private String file(String path) {
        @Nullable String content = repository.read(path);
        assertThat(content).as(path + " in the deployment repository").isNotNull();
        return content == null ? "" : content;
    }

    @Override
    public void close() {
        broker.close();
    }
}
