package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.InstanceStore;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * Sharing a cluster across spaces and orgs over HTTP (the MySQL offering: {@code sharing across orgs requires grant}),
 * with the {@code mysql} driver on a real MariaDB playing the cluster: a child of another space reaches the cluster
 * only once the cluster's owner granted that space (by name or GUID); otherwise the seed's 400 naming the requesting
 * user and the cluster, the same when no such cluster exists there; a grant is not revoked while that space still has
 * children in the cluster.
 */
class SharingTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String DB_100MB = ChildDatabaseTest.DB_100MB;

    /** A second space of the cluster's org. */
    static final String TEAM_B = "7a0c2b61-team-b";
    /** A space of another org. */
    static final String ORG_C = "2c4e6a80-org-c";

    static final String SPACE_C = "9d8e7f60-space-c";

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, TestStores.jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aGrantedSpaceUsesTheClusterAndKeepsItsGrantWhileItHasChildren() throws SQLException {
        String cluster = readyCluster();
        Map<String, Object> mine = Map.of("cluster", "my-cluster", "cluster-space", "my-space");
        OsbClient userB = as("user-b");

        String childB = UUID.randomUUID().toString();
        Answer denied = userB.put(path(childB), childBody(ClusterLifeContract.ORG, "my-org", TEAM_B, "team-b", mine));
        assertThat(denied.status()).as(denied.toString()).isEqualTo(400);
        assertThat(denied.text("description"))
                .isEqualTo("requesting user (userGuid=user-b) has not permission to access cluster service-instance"
                        + " guid=" + cluster);
        Answer byGuid = userB.put(
                path(childB),
                childBody(
                        ClusterLifeContract.ORG,
                        "my-org",
                        TEAM_B,
                        "team-b",
                        Map.of(
                                "cluster",
                                cluster,
                                "cluster-org",
                                ClusterLifeContract.ORG,
                                "cluster-space",
                                ClusterLifeContract.SPACE)));
        assertThat(byGuid.text("description")).isEqualTo(denied.text("description"));

        Answer unknown = osb.with("X-Broker-API-Originating-Identity", null)
                .put(
                        path(childB),
                        childBody(
                                ClusterLifeContract.ORG,
                                "my-org",
                                TEAM_B,
                                "team-b",
                                Map.of("cluster", "no-such-cluster", "cluster-space", "my-space")));
        assertThat(unknown.status()).isEqualTo(400);
        String description = unknown.text("description");
        assertThat(description)
                .startsWith("requesting user (userGuid=unknown) has not permission to access cluster service-instance"
                        + " guid=")
                .doesNotContain(cluster)
                .doesNotContain("no-such-cluster");
        String standIn = description.substring(description.indexOf("guid=") + 5);
        assertThat(UUID.fromString(standIn).version()).isEqualTo(4);
        Answer withoutSpace = userB.put(
                path(childB),
                childBody(
                        ORG_C, "org-c", SPACE_C, "space-c", Map.of("cluster", "my-cluster", "cluster-org", "my-org")));
        assertThat(withoutSpace.status()).isEqualTo(400);
        assertThat(withoutSpace.text("description")).contains("cluster-space");

        Answer granted = updateGrants(cluster, List.of(Map.of("space", "team-b")));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(ChildDatabaseTest.json(granted).has("operation"))
                .as("a grant needs no deployment")
                .isFalse();

        Answer created = userB.put(path(childB), childBody(ClusterLifeContract.ORG, "my-org", TEAM_B, "team-b", mine));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(ChildDatabaseTest.databases()).contains(MysqlChildDriver.databaseName(childB));

        String childC = UUID.randomUUID().toString();
        Map<String, Object> fromOrgC =
                Map.of("cluster", "my-cluster", "cluster-org", "my-org", "cluster-space", "my-space");
        Answer otherOrg = as("user-c").put(path(childC), childBody(ORG_C, "org-c", SPACE_C, "space-c", fromOrgC));
        assertThat(otherOrg.status()).isEqualTo(400);
        assertThat(otherOrg.text("description"))
                .isEqualTo("requesting user (userGuid=user-c) has not permission to"
                        + " access cluster service-instance guid=" + cluster);
        Answer both = updateGrants(cluster, List.of(Map.of("space", "team-b"), Map.of("org", ORG_C, "space", SPACE_C)));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        Answer createdC = as("user-c").put(path(childC), childBody(ORG_C, "org-c", SPACE_C, "space-c", fromOrgC));
        assertThat(createdC.status()).as(createdC.toString()).isEqualTo(201);

        Answer revoke = updateGrants(cluster, List.of(Map.of("org", ORG_C, "space", SPACE_C)));
        assertThat(revoke.status()).as(revoke.toString()).isEqualTo(400);
        assertThat(revoke.text("description"))
                .contains("space my-org/team-b (guid=" + childB + ")")
                .contains("Delete them first")
                .doesNotContain(childC);
        assertThat(broker.bean(InstanceStore.class)
                        .findInstance(cluster)
                        .orElseThrow()
                        .parametersJson())
                .as("a refused revoke changes nothing")
                .contains("team-b");

        Answer mixed = osb.patch(
                path(cluster) + "?accepts_incomplete=true",
                updateBody(Map.of("grants", List.of(), "max_connections", 500)));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.text("description")).contains("`grants` must be sent alone");
        Answer malformed = osb.patch(
                path(cluster) + "?accepts_incomplete=true", updateBody(Map.of("grants", List.of(Map.of("org", "x")))));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("description")).contains("$.grants").contains("space");

        Answer deleted = userB.delete(path(childB) + "?service_id=" + SERVICE + "&plan_id=" + DB_100MB);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        Answer revoked = updateGrants(cluster, List.of(Map.of("org", ORG_C, "space", SPACE_C)));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Answer again = userB.put(
                path(UUID.randomUUID().toString()),
                childBody(ClusterLifeContract.ORG, "my-org", TEAM_B, "team-b", mine));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("description")).isEqualTo(denied.text("description"));
        Answer own = osb.put(path(UUID.randomUUID().toString()), ChildDatabaseTest.childBody(DB_100MB, mine, "own-db"));
        assertThat(own.status())
                .as("the cluster's own space needs no grant: " + own)
                .isEqualTo(201);
    }

    // ------------------------------------------------------------------ helpers

    /** A cluster named my-cluster in my-org/my-space, ready, whose outputs point at the test MariaDB. */
    String readyCluster() {
        String cluster = UUID.randomUUID().toString();
        Answer accepted =
                osb.put(path(cluster) + "?accepts_incomplete=true", ClusterLifeContract.provisionBody(SMALL, Map.of()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        Answer reported = report(repository, cluster, outputs);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        return cluster;
    }

    Answer updateGrants(String cluster, List<Map<String, String>> grants) {
        return osb.patch(path(cluster) + "?accepts_incomplete=true", updateBody(Map.of("grants", grants)));
    }

    OsbClient as(String user) {
        return osb.with("X-Broker-API-Originating-Identity", OsbClient.originatingIdentity(user));
    }

    static Map<String, Object> updateBody(Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        body.put("parameters", parameters);
        return body;
    }

    static String path(String id) {
        return ClusterLifeContract.instancePath(id);
    }

    /** A child's provision body from the space {@code spaceGuid} ({@code spaceName}) of the org {@code orgGuid}. */
    static Map<String, Object> childBody(
            String orgGuid, String orgName, String spaceGuid, String spaceName, Map<String, Object> parameters) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("platform", "cloudfoundry");
        context.put("organization_guid", orgGuid);
        context.put("organization_name", orgName);
        context.put("space_guid", spaceGuid);
        context.put("space_name", spaceName);
        context.put("instance_name", "db-of-" + spaceName);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", SERVICE);
        body.put("plan_id", DB_100MB);
        body.put("organization_guid", orgGuid);
        body.put("space_guid", spaceGuid);
        body.put("context", context);
        body.put("parameters", parameters);
        return body;
    }

    /** Posts the succeeded deploy report of {@code cluster} (in my-org/my-space) with {@code outputs}. */
    static Answer report(DeploymentRepository repository, String cluster, Map<String, Object> outputs) {
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + cluster;
        String pipeline = file(repository, folder + "/operation.json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "succeeded");
        body.put("description", "deploy succeeded");
        body.put("outputs", outputs);
        return new OsbClient(() -> "").report(ClusterLifeContract.reportUrl(pipeline), body);
    }

    static String file(DeploymentRepository repository, String path) {
        @Nullable String content = repository.read(path);
        assertThat(content).as(path + " in the deployment repository").isNotNull();
        return content == null ? "" : content;
    }
}
