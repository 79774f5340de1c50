package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateStoreContract.RACERS;
import static io.dedicate.broker.state.StateStoreContract.cluster;
import static io.dedicate.broker.state.StateStoreContract.deploy;
import static io.dedicate.broker.state.StateStoreContract.operation;
import static io.dedicate.broker.state.StateStoreContract.race;
import static io.dedicate.broker.state.StateStoreContract.requireNonNull;
import static io.dedicate.broker.state.StateStoreContract.withNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dedicate.broker.state.StateStoreContract.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state store's part of sharing and quotas, run on H2 and on PostgreSQL: the org quota lock, the admission of a
 * child under the cluster row's lock, grants changed at once under the same lock, and clusters found in another space.
 * The race tests release {@link StateStoreContract#RACERS} threads at once, each on its own connection.
 */
abstract class SharingAndQuotaStoreContract {

    private static final String GRANTED = "{\"size\":\"10GB\",\"grants\":[{\"space\":\"space-x\"}]}";
    private static final String REVOKED = "{\"size\":\"10GB\",\"grants\":[]}";

    @TempDir
    @Nullable
    Path tempDir;

    private @Nullable HikariDataSource dataSource;
    private @Nullable StateStore store;

    /** A JDBC URL of a new, empty database. */
    abstract String newJdbcUrl(Path tempDir);

    @BeforeEach
    void openDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(newJdbcUrl(requireNonNull(tempDir)));
        config.setMaximumPoolSize(RACERS + 2);
        HikariDataSource pool = new HikariDataSource(config);
        StateStore.migrate(pool);
        dataSource = pool;
        store = new StateStore(pool, Clock.fixed(StateStoreContract.NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    StateStore store() {
        return requireNonNull(store);
    }

    // ---------------------------------------------------------------- clusters per org

    @Test
    void racingClusterCreatesOfOneOrgStayWithinItsQuota() throws Exception {
        for (int round = 0; round < 6; round++) {
            String org = "org-" + round;
            int limit = round % 3 + 2;
            List<Outcome> outcomes = race(i -> () -> {
                String id = org + "-cluster-" + i;
                store().createInstanceWithinQuota(inOrg(cluster(id), org), deploy("deploy-" + id, id), limit);
                return true;
            });
            assertThat(outcomes.stream().filter(Outcome::won).count())
                    .as("round %d: winners", round)
                    .isEqualTo(limit);
            for (Outcome outcome : outcomes) {
                if (!outcome.won()) {
                    assertThat(outcome.error()).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.count()).isEqualTo(limit);
                        assertThat(e.limit()).isEqualTo(limit);
                    });
                }
            }
        }
    }

    @Test
    void deletedClustersFreeTheirPlaceAndOtherOrgsAndServicesCountApart() {
        store().createInstanceWithinQuota(inOrg(cluster("a"), "org-a"), deploy("deploy-a", "a"), 1);
        assertThatThrownBy(() ->
                        store().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b", "b"), 1))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(store().findInstance("b")).isEmpty();
        store().createInstanceWithinQuota(inOrg(cluster("c"), "org-c"), deploy("deploy-c", "c"), 1);

        assertThat(store().finishOperation("deploy-a", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        store().startOperation(operation("del-a", "a", OperationKind.DELETE, "plan-small"));
        assertThatThrownBy(() ->
                        store().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b", "b"), 1))
                .as("a cluster being deleted still counts")
                .isInstanceOf(QuotaExceededException.class);
        assertThat(store().finishOperation("del-a", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        store().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b", "b"), 1);
        assertThatThrownBy(() ->
                        store().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b2", "b"), 5))
                .isInstanceOf(InstanceExistsException.class);
    }

    // ---------------------------------------------------------------- children per cluster, grants

    @Test
    void racingChildCreatesStayWithinTheChildrenQuota() throws Exception {
        for (int round = 0; round < 3; round++) {
            String clusterId = "quota-" + round;
            readyCluster(clusterId, "{}");
            int limit = round + 2;
            List<Outcome> outcomes = race(i -> () -> {
                store().createChild(StateStoreContract.child(clusterId + "-child-" + i, clusterId), (cluster, live) -> {
                    if (live >= limit) {
                        throw new QuotaExceededException("children", live, limit);
                    }
                });
                return true;
            });
            assertThat(outcomes.stream().filter(Outcome::won).count())
                    .as("round %d: winners", round)
                    .isEqualTo(limit);
            assertThat(store().liveChildren(clusterId)).hasSize(limit);
            outcomes.stream()
                    .filter(o -> !o.won())
                    .forEach(o -> assertThat(o.error()).isInstanceOf(QuotaExceededException.class));
        }
    }

    @Test
    void aRevokeRacingChildCreatesOfThatSpaceLeavesNoChildWithoutGrant() throws Exception {
        for (int round = 0; round < 5; round++) {
            String clusterId = "shared-" + round;
            readyCluster(clusterId, GRANTED);
            int revoker = round % RACERS;
            List<Outcome> outcomes = race(i -> () -> {
                if (i == revoker) {
                    store().changeParametersAtOnce(clusterId, (cluster, children) -> {
                        List<String> fromX = children.stream()
                                .filter(c -> c.spaceGuid().equals("space-x"))
                                .map(InstanceRecord::id)
                                .toList();
                        if (!fromX.isEmpty()) {
                            throw new ChildrenExistException(clusterId, fromX);
                        }
                        return REVOKED;
                    });
                    return true;
                }
                store().createChild(inSpaceX(StateStoreContract.child(clusterId + "-x-" + i, clusterId)), (c, n) -> {
                    if (!c.parametersJson().contains("space-x")) {
                        throw new IllegalStateException("space-x is not granted");
                    }
                });
                return true;
            });
            boolean revoked = outcomes.get(revoker).won();
            long children = outcomes.stream().filter(Outcome::won).count() - (revoked ? 1 : 0);
            String parameters = store().findInstance(clusterId).orElseThrow().parametersJson();
            if (revoked) {
                assertThat(store().liveChildren(clusterId))
                        .as("round %d", round)
                        .isEmpty();
                assertThat(children).isZero();
                assertThat(parameters).isEqualTo(REVOKED);
            } else {
                assertThat(outcomes.get(revoker).error()).isInstanceOf(ChildrenExistException.class);
                assertThat(store().liveChildren(clusterId))
                        .hasSize((int) children)
                        .isNotEmpty();
                assertThat(parameters).isEqualTo(GRANTED);
            }
        }
    }

    @Test
    void grantsChangeOnlyOnAReadyClusterWithNoOperationInProgress() {
        readyCluster("cl", GRANTED);
        store().startOperation(StateStoreContract.update("up-1", "cl", "plan-small"));
        assertThatThrownBy(() -> store().changeParametersAtOnce("cl", (c, children) -> REVOKED))
                .isInstanceOf(OperationInProgressException.class);
        assertThat(store().finishOperation("up-1", OperationState.FAILED, null, null, null))
                .isTrue();
        store().changeParametersAtOnce("cl", (c, children) -> REVOKED);
        assertThat(store().findInstance("cl").orElseThrow().parametersJson()).isEqualTo(REVOKED);
        assertThatThrownBy(() -> store().changeParametersAtOnce("cl", (c, children) -> "[]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().changeParametersAtOnce("absent", (c, children) -> REVOKED))
                .isInstanceOf(InstanceGoneException.class);
        store().createInstance(cluster("new"), deploy("deploy-new", "new"));
        assertThatThrownBy(() -> store().changeParametersAtOnce("new", (c, children) -> REVOKED))
                .isInstanceOf(OperationInProgressException.class);
    }

    @Test
    void aRefusedAdmissionStoresNothing() {
        readyCluster("cl", "{}");
        assertThatThrownBy(() -> store().createChild(StateStoreContract.child("c-1", "cl"), (c, n) -> {
                    throw new IllegalStateException("refused");
                }))
                .hasMessage("refused");
        assertThat(store().findInstance("c-1")).isEmpty();
        store().createChild(
                        StateStoreContract.child("c-1", "cl"),
                        (c, n) -> assertThat(n).isZero());
        store().createChild(
                        StateStoreContract.child("c-2", "cl"),
                        (c, n) -> assertThat(n).isEqualTo(1));
        assertThat(store().liveChildRecords("cl"))
                .extracting(InstanceRecord::id)
                .containsExactly("c-1", "c-2");
    }

    // ---------------------------------------------------------------- clusters of another space

    @Test
    void clustersAreFoundInAnotherSpaceByGuidOrNameUntilDeleted() {
        store().createInstance(withNames(cluster("cl"), "the-org", "the-space", "db-cluster"), deploy("d", "cl"));
        assertThat(store().findCluster("org-guid", "space-guid", "db-cluster")).isPresent();
        assertThat(store().findCluster("the-org", "the-space", "db-cluster")).isPresent();
        assertThat(store().findCluster("the-org", "space-guid", "cl")).isPresent();
        assertThat(store().findCluster("other-org", "the-space", "db-cluster")).isEmpty();
        assertThat(store().findCluster("the-org", "other-space", "db-cluster")).isEmpty();
        assertThat(store().findCluster("the-org", "the-space", "other")).isEmpty();
        store().updateNames("cl", "renamed-org", null, null);
        assertThat(store().findCluster("the-org", "the-space", "db-cluster")).isEmpty();
        assertThat(store().findCluster("renamed-org", "the-space", "db-cluster"))
                .isPresent();
        assertThat(store().finishOperation("d", OperationState.FAILED, null, null, null))
                .isTrue();
        store().startOperation(operation("del", "cl", OperationKind.DELETE, "plan-small"));
        assertThat(store().finishOperation("del", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        assertThat(store().findCluster("org-guid", "space-guid", "cl")).isEmpty();
    }

    // ---------------------------------------------------------------- fixtures

    void readyCluster(String id, String parametersJson) {
        store().createInstance(withParameters(cluster(id), parametersJson), deploy("deploy-" + id, id));
        assertThat(store().finishOperation("deploy-" + id, OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        // a deploy's success applies its target parameters: write the cluster's own back
        store().changeParametersAtOnce(id, (c, children) -> parametersJson);
    }

    static InstanceRecord inOrg(InstanceRecord r, String orgGuid) {
        return copy(r, orgGuid, r.spaceGuid(), r.parametersJson());
    }

    static InstanceRecord inSpaceX(InstanceRecord r) {
        return copy(r, r.orgGuid(), "space-x", r.parametersJson());
    }

    static InstanceRecord withParameters(InstanceRecord r, String parametersJson) {
        return copy(r, r.orgGuid(), r.spaceGuid(), parametersJson);
    }

    private static InstanceRecord copy(InstanceRecord r, String orgGuid, String spaceGuid, String parametersJson) {
        return new InstanceRecord(
                r.id(),
                r.serviceId(),
                r.planId(),
                r.kind(),
                r.clusterId(),
                orgGuid,
                spaceGuid,
                r.orgName(),
                r.spaceName(),
                r.instanceName(),
                parametersJson,
                r.sealedSecretParameters(),
                r.maintenanceVersion(),
                r.status(),
                r.requestDigest(),
                r.gitPath(),
                r.outputsJson(),
                r.sealedSecretOutputs(),
                r.activeOperationId(),
                r.createdAt(),
                r.updatedAt());
    }
}
