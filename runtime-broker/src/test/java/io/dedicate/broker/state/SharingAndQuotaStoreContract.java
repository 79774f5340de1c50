package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state store's part of sharing and quotas, run on H2 and on PostgreSQL: the org quota lock, the admission of a
 * child under the cluster row's lock, grants changed at once under the same lock, and clusters found in another space.
 * The race tests release {@link StoreContract#RACERS} threads at once, each on its own connection.
 */
abstract class SharingAndQuotaStoreContract extends StoreContract {

    private static final String GRANTED = "{\"size\":\"10GB\",\"grants\":[{\"space\":\"space-x\"}]}";
    private static final String REVOKED = "{\"size\":\"10GB\",\"grants\":[]}";

    // ---------------------------------------------------------------- clusters per org

    @Test
    void racingClusterCreatesOfOneOrgStayWithinItsQuota() throws Exception {
        for (int round = 0; round < 6; round++) {
            String org = "org-" + round;
            int limit = round % 3 + 2;
            List<Outcome> outcomes = race(i -> () -> {
                String id = org + "-cluster-" + i;
                instances().createInstanceWithinQuota(inOrg(cluster(id), org), deploy("deploy-" + id, id), limit);
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
        instances().createInstanceWithinQuota(inOrg(cluster("a"), "org-a"), deploy("deploy-a", "a"), 1);
        assertThatThrownBy(() ->
                        instances().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b", "b"), 1))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(instances().findInstance("b")).isEmpty();
        instances().createInstanceWithinQuota(inOrg(cluster("c"), "org-c"), deploy("deploy-c", "c"), 1);

        assertThat(operations().finishOperation("deploy-a", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        operations().startOperation(operation("del-a", "a", OperationKind.DELETE, "plan-small"));
        assertThatThrownBy(() ->
                        instances().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b", "b"), 1))
                .as("a cluster being deleted still counts")
                .isInstanceOf(QuotaExceededException.class);
        assertThat(operations().finishOperation("del-a", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        instances().createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b", "b"), 1);
        assertThatThrownBy(() -> instances()
                        .createInstanceWithinQuota(inOrg(cluster("b"), "org-a"), deploy("deploy-b2", "b"), 5))
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
                children().createChild(child(clusterId + "-child-" + i, clusterId), (cluster, live) -> {
                    if (live >= limit) {
                        throw new QuotaExceededException("children", live, limit);
                    }
                });
                return true;
            });
            assertThat(outcomes.stream().filter(Outcome::won).count())
                    .as("round %d: winners", round)
                    .isEqualTo(limit);
            assertThat(children().liveChildren(clusterId)).hasSize(limit);
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
                    instances().changeParametersAtOnce(clusterId, (cluster, children) -> {
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
                children().createChild(inSpaceX(child(clusterId + "-x-" + i, clusterId)), (c, n) -> {
                    if (!c.parametersJson().contains("space-x")) {
                        throw new IllegalStateException("space-x is not granted");
                    }
                });
                return true;
            });
            boolean revoked = outcomes.get(revoker).won();
            long children = outcomes.stream().filter(Outcome::won).count() - (revoked ? 1 : 0);
            String parameters =
                    instances().findInstance(clusterId).orElseThrow().parametersJson();
            if (revoked) {
                assertThat(children().liveChildren(clusterId))
                        .as("round %d", round)
                        .isEmpty();
                assertThat(children).isZero();
                assertThat(parameters).isEqualTo(REVOKED);
            } else {
                assertThat(outcomes.get(revoker).error()).isInstanceOf(ChildrenExistException.class);
                assertThat(children().liveChildren(clusterId))
                        .hasSize((int) children)
                        .isNotEmpty();
                assertThat(parameters).isEqualTo(GRANTED);
            }
        }
    }

    @Test
    void grantsChangeOnlyOnAReadyClusterWithNoOperationInProgress() {
        readyCluster("cl", GRANTED);
        operations().startOperation(update("up-1", "cl", "plan-small"));
        assertThatThrownBy(() -> instances().changeParametersAtOnce("cl", (c, children) -> REVOKED))
                .isInstanceOf(OperationInProgressException.class);
        assertThat(operations().finishOperation("up-1", OperationState.FAILED, null, null, null))
                .isTrue();
        instances().changeParametersAtOnce("cl", (c, children) -> REVOKED);
        assertThat(instances().findInstance("cl").orElseThrow().parametersJson())
                .isEqualTo(REVOKED);
        assertThatThrownBy(() -> instances().changeParametersAtOnce("cl", (c, children) -> "[]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> instances().changeParametersAtOnce("absent", (c, children) -> REVOKED))
                .isInstanceOf(InstanceGoneException.class);
        instances().createInstance(cluster("new"), deploy("deploy-new", "new"));
        assertThatThrownBy(() -> instances().changeParametersAtOnce("new", (c, children) -> REVOKED))
                .isInstanceOf(OperationInProgressException.class);
    }

    @Test
    void aRefusedAdmissionStoresNothing() {
        readyCluster("cl", "{}");
        assertThatThrownBy(() -> children().createChild(child("c-1", "cl"), (c, n) -> {
                    throw new IllegalStateException("refused");
                }))
                .hasMessage("refused");
        assertThat(instances().findInstance("c-1")).isEmpty();
        children().createChild(child("c-1", "cl"), (c, n) -> assertThat(n).isZero());
        children().createChild(child("c-2", "cl"), (c, n) -> assertThat(n).isEqualTo(1));
        assertThat(children().liveChildRecords("cl"))
                .extracting(InstanceRecord::id)
                .containsExactly("c-1", "c-2");
    }

    // ---------------------------------------------------------------- clusters of another space

    @Test
    void clustersAreFoundInAnotherSpaceByGuidOrNameUntilDeleted() {
        instances().createInstance(withNames(cluster("cl"), "the-org", "the-space", "db-cluster"), deploy("d", "cl"));
        assertThat(instances().findCluster("org-guid", "space-guid", "db-cluster"))
                .isPresent();
        assertThat(instances().findCluster("the-org", "the-space", "db-cluster"))
                .isPresent();
        assertThat(instances().findCluster("the-org", "space-guid", "cl")).isPresent();
        assertThat(instances().findCluster("other-org", "the-space", "db-cluster"))
                .isEmpty();
        assertThat(instances().findCluster("the-org", "other-space", "db-cluster"))
                .isEmpty();
        assertThat(instances().findCluster("the-org", "the-space", "other")).isEmpty();
        instances().updateNames("cl", "renamed-org", null, null);
        assertThat(instances().findCluster("the-org", "the-space", "db-cluster"))
                .isEmpty();
        assertThat(instances().findCluster("renamed-org", "the-space", "db-cluster"))
                .isPresent();
        assertThat(operations().finishOperation("d", OperationState.FAILED, null, null, null))
                .isTrue();
        operations().startOperation(operation("del", "cl", OperationKind.DELETE, "plan-small"));
        assertThat(operations().finishOperation("del", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        assertThat(instances().findCluster("org-guid", "space-guid", "cl")).isEmpty();
    }

    // ---------------------------------------------------------------- fixtures

    void readyCluster(String id, String parametersJson) {
        instances().createInstance(withParameters(cluster(id), parametersJson), deploy("deploy-" + id, id));
        assertThat(operations().finishOperation("deploy-" + id, OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        // a deploy's success applies its target parameters: write the cluster's own back
        instances().changeParametersAtOnce(id, (c, children) -> parametersJson);
    }

    static InstanceRecord inOrg(InstanceRecord r, String orgGuid) {
        return r.withPlacement(new Placement(orgGuid, r.spaceGuid(), r.orgName(), r.spaceName(), r.instanceName()));
    }

    static InstanceRecord inSpaceX(InstanceRecord r) {
        return r.withPlacement(new Placement(r.orgGuid(), "space-x", r.orgName(), r.spaceName(), r.instanceName()));
    }

    static InstanceRecord withParameters(InstanceRecord r, String parametersJson) {
        return r.withSettings(r.settings().withParametersJson(parametersJson));
    }
}
