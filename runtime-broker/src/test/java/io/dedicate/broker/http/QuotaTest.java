package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offering's quotas over HTTP, on the MySQL bundle with its {@code limits} made tiny ({@code clusters_per_org 2},
 * {@code children_per_cluster 2}): the org's third cluster and the cluster's third database are refused with a 422
 * that says what the limit is and what to do; another org has its own count, and a deleted child frees its place.
 * (The races are in the state store's tests, on H2 and PostgreSQL.)
 */
class QuotaTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String DB_100MB = ChildDatabaseTest.DB_100MB;

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;

    @BeforeEach
    void start() {
        Path bundle = TestBundles.write(tinyLimits(), data.resolve("bundle"));
        broker = new RunningBroker(bundle, data, TestStores.jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void theOrgsThirdClusterAndTheClustersThirdDatabaseAreRefused() {
        String first = UUID.randomUUID().toString();
        assertThat(provision(first, "my-cluster").status()).isEqualTo(202);
        assertThat(provision(UUID.randomUUID().toString(), "second").status()).isEqualTo(202);
        String third = UUID.randomUUID().toString();
        Answer refused = provision(third, "third");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("description"))
                .isEqualTo("org my-org already has 2 mysql-on-demand clusters (the limit is 2 per org): delete one"
                        + " with cf delete-service, or ask the platform operators to raise the offering's"
                        + " clusters_per_org limit");
        assertThat(osb.get(SharingTest.path(third)).status()).isEqualTo(404);
        Map<String, Object> otherOrg = ClusterLifeContract.provisionBody(SMALL, Map.of());
        otherOrg.put("organization_guid", SharingTest.ORG_C);
        otherOrg.put(
                "context",
                Map.of(
                        "platform",
                        "cloudfoundry",
                        "organization_guid",
                        SharingTest.ORG_C,
                        "space_guid",
                        SharingTest.SPACE_C,
                        "instance_name",
                        "c-cluster"));
        otherOrg.put("space_guid", SharingTest.SPACE_C);
        Answer elsewhere =
                osb.put(SharingTest.path(UUID.randomUUID().toString()) + "?accepts_incomplete=true", otherOrg);
        assertThat(elsewhere.status())
                .as("another org counts apart: " + elsewhere)
                .isEqualTo(202);

        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        assertThat(SharingTest.report(repository, first, outputs).status()).isEqualTo(200);
        Map<String, Object> parameters = Map.of("cluster", "my-cluster");
        String child = UUID.randomUUID().toString();
        assertThat(createChild(child, parameters).status()).isEqualTo(201);
        assertThat(createChild(UUID.randomUUID().toString(), parameters).status())
                .isEqualTo(201);
        Answer full = createChild(UUID.randomUUID().toString(), parameters);
        assertThat(full.status()).as(full.toString()).isEqualTo(422);
        assertThat(full.text("description"))
                .isEqualTo("cluster my-cluster already has 2 databases (the limit is 2 per mysql-on-demand cluster):"
                        + " delete one, or create the database in another cluster");
        assertThat(osb.delete(SharingTest.path(child) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB)
                        .status())
                .isEqualTo(200);
        Answer freed = createChild(UUID.randomUUID().toString(), parameters);
        assertThat(freed.status())
                .as("a deleted child frees its place: " + freed)
                .isEqualTo(201);
    }

    Answer provision(String id, String name) {
        Map<String, Object> body = ClusterLifeContract.provisionBody(SMALL, Map.of());
        body.put("context", ClusterLifeContract.context(name));
        return osb.put(SharingTest.path(id) + "?accepts_incomplete=true", body);
    }

    Answer createChild(String id, Map<String, Object> parameters) {
        return osb.put(SharingTest.path(id), ChildDatabaseTest.childBody(DB_100MB, parameters, "db-" + id));
    }

    /** The MySQL bundle with {@code limits {clusters_per_org 2; children_per_cluster 2}}, digest recomputed. */
    static SortedMap<String, byte[]> tinyLimits() {
        return withLimits(2, 2);
    }

    /** The MySQL bundle with the given {@code limits}, digest recomputed. */
    static SortedMap<String, byte[]> withLimits(int clustersPerOrg, int childrenPerCluster) {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        try {
            ObjectNode model = (ObjectNode) OsbClient.JSON.readTree(files.get("model.json"));
            ObjectNode limits = (ObjectNode) model.get("offerings").get(0).get("limits");
            limits.put("clusters_per_org", clustersPerOrg);
            limits.put("children_per_cluster", childrenPerCluster);
            files.put("model.json", OsbClient.JSON.writeValueAsBytes(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestBundles.redigest(files);
        return files;
    }
}
