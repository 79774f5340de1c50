package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link ChildStore} promises: children created only in a ready cluster and under its lock, so that no child enters a cluster whose delete was accepted, also when they race. Run on H2 and on PostgreSQL (see {@link StoreContract}).
 */
abstract class ChildStoreContract extends StoreContract {

    @Test
    void liveChildrenAreTheClustersChildrenNotDeleted() {
        readyCluster("cluster-a");
        readyCluster("cluster-b");
        assertThat(children().liveChildren("cluster-a")).isEmpty();
        instances().createInstance(child("child-2", "cluster-a"), deploy("deploy-child-2", "child-2"));
        instances().createInstance(child("child-1", "cluster-a"), deploy("deploy-child-1", "child-1"));
        instances().createInstance(child("child-3", "cluster-b"), deploy("deploy-child-3", "child-3"));
        assertThat(children().liveChildren("cluster-a")).containsExactly("child-1", "child-2");
        assertThat(operations().finishOperation("deploy-child-1", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        operations().startOperation(operation("delete-child-1", "child-1", OperationKind.DELETE, "plan-small"));
        assertThat(operations().finishOperation("delete-child-1", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        assertThat(children().liveChildren("cluster-a")).containsExactly("child-2");
    }

    @Test
    void aChildIsCreatedOnlyInAReadyCluster() {
        instances().createInstance(cluster("creating"), deploy("deploy-creating", "creating"));
        assertThatThrownBy(() -> children().createChild(child("c-1", "creating")))
                .isInstanceOfSatisfying(
                        ClusterUnavailableException.class,
                        e -> assertThat(e.status()).isEqualTo(InstanceStatus.CREATING));
        assertThatThrownBy(() -> children().createChild(child("c-1", "ghost")))
                .isInstanceOf(InstanceGoneException.class);
        readyCluster("ready");
        children().createChild(child("c-1", "ready"));
        assertThat(instances().findInstance("c-1"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.CREATING);
        assertThatThrownBy(() -> children().createChild(child("c-1", "ready")))
                .isInstanceOf(InstanceExistsException.class);
        assertThat(children().markChildReady("c-1")).isTrue();
        assertThat(children().markChildReady("c-1")).isFalse();
        assertThat(children().discardChild("c-1")).isFalse();
        assertThat(children().liveChildren("ready")).containsExactly("c-1");
        assertThat(children().markChildDeleted("c-1")).isTrue();
        assertThat(children().markChildDeleted("c-1")).isFalse();
        assertThat(children().liveChildren("ready")).isEmpty();
        children().createChild(child("c-2", "ready"));
        assertThat(children().discardChild("c-2")).isTrue();
        assertThat(instances().findInstance("c-2")).isEmpty();
    }

    @Test
    void aClusterWithChildrenIsNotDeletedAndNoChildEntersADeletingCluster() {
        readyCluster("cl");
        children().createChild(child("c-1", "cl"));
        assertThatThrownBy(
                        () -> operations().startOperation(operation("del-1", "cl", OperationKind.DELETE, "plan-small")))
                .isInstanceOfSatisfying(
                        ChildrenExistException.class,
                        e -> assertThat(e.children()).containsExactly("c-1"));
        assertThat(instances().findInstance("cl"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.READY);
        assertThat(operations().findOperation("del-1")).isEmpty();
        assertThat(children().markChildDeleted("c-1")).isTrue();
        operations().startOperation(operation("del-2", "cl", OperationKind.DELETE, "plan-small"));
        assertThatThrownBy(() -> children().createChild(child("c-3", "cl")))
                .isInstanceOfSatisfying(
                        ClusterUnavailableException.class,
                        e -> assertThat(e.status()).isEqualTo(InstanceStatus.DELETING));
    }

    @Test
    void childCreatesRacingAClusterDeleteLeaveNoChildInADeletedCluster() throws Exception {
        for (int round = 0; round < 5; round++) {
            String cluster = "race-" + round;
            readyCluster(cluster);
            int deleter = round % RACERS;
            List<Outcome> outcomes = race(i -> () -> {
                if (i == deleter) {
                    operations()
                            .startOperation(operation("del-" + cluster, cluster, OperationKind.DELETE, "plan-small"));
                    return true;
                }
                children().createChild(child(cluster + "-child-" + i, cluster));
                return true;
            });
            boolean deleted = outcomes.get(deleter).won();
            List<String> children = children().liveChildren(cluster);
            long acceptedChildren = outcomes.stream().filter(Outcome::won).count() - (deleted ? 1 : 0);
            if (deleted) {
                assertThat(children).as("round %d", round).isEmpty();
                assertThat(acceptedChildren).isZero();
            } else {
                assertThat(outcomes.get(deleter).error()).isInstanceOf(ChildrenExistException.class);
                assertThat(children).hasSize((int) acceptedChildren).isNotEmpty();
            }
            for (int i = 0; i < RACERS; i++) {
                Throwable error = outcomes.get(i).error();
                if (i != deleter && error != null) {
                    assertThat(error).isInstanceOf(ClusterUnavailableException.class);
                }
            }
        }
    }
}
