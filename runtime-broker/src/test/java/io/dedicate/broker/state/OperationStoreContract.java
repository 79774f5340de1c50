package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link OperationStore} promises: one operation at a time per instance, one end per operation, the targets applied on success only, the delete path, pending commits, overdue operations and history. Run on H2 and on PostgreSQL (see {@link StoreContract}).
 */
abstract class OperationStoreContract extends StoreContract {

    @Test
    void anOperationIsRefusedWhileAnotherIsActive() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThatThrownBy(() -> operations().startOperation(update("op-2", "c1", "plan-large")))
                .isInstanceOfSatisfying(
                        OperationInProgressException.class,
                        e -> assertThat(e.activeOperationId()).isEqualTo("op-1"))
                .hasMessageContaining("op-1");
        assertThat(operations().findOperation("op-2")).isEmpty();

        assertThat(operations().finishOperation("op-1", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        operations().startOperation(update("op-2", "c1", "plan-large"));

        assertThat(instances().findInstance("c1").orElseThrow().activeOperationId())
                .isEqualTo("op-2");
        assertThat(operations().findOperation("op-2")).isPresent();
    }

    @Test
    void racingOperationsOnOneInstanceHaveExactlyOneWinner() throws Exception {
        readyCluster("c1");

        List<Outcome> outcomes = race(i -> () -> {
            operations().startOperation(update("race-" + i, "c1", "plan-large"));
            return true;
        });

        assertThat(outcomes.stream().filter(Outcome::won)).hasSize(1);
        String winner = "race-"
                + outcomes.indexOf(
                        outcomes.stream().filter(Outcome::won).findFirst().orElseThrow());
        assertThat(outcomes.stream().filter(o -> !o.won()))
                .allSatisfy(o -> assertThat(o.error())
                        .isInstanceOfSatisfying(
                                OperationInProgressException.class,
                                e -> assertThat(e.activeOperationId()).isEqualTo(winner)));
        assertThat(instances().findInstance("c1").orElseThrow().activeOperationId())
                .isEqualTo(winner);
        assertThat(operations().history("c1", 100))
                .extracting(OperationRecord::id)
                .contains(winner)
                .hasSize(2);
    }

    @Test
    void operationsOnAbsentOrDeletedInstancesAreRefused() {
        assertThatThrownBy(() -> operations().startOperation(update("op-1", "ghost", "plan-large")))
                .isInstanceOf(InstanceGoneException.class)
                .hasMessageContaining("ghost");

        readyCluster("c1");
        operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        operations().finishOperation("del", OperationState.SUCCEEDED, null, null, null);

        assertThatThrownBy(() -> operations().startOperation(update("op-2", "c1", "plan-large")))
                .isInstanceOf(InstanceGoneException.class);
        assertThatThrownBy(
                        () -> operations().startOperation(operation("del-2", "c1", OperationKind.DELETE, "plan-small")))
                .isInstanceOf(InstanceGoneException.class);
    }

    @Test
    void aDeployIsStartedOnlyByCreate() {
        readyCluster("c1");
        assertThatThrownBy(() -> operations().startOperation(deploy("op-2", "c1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createInstance");
        assertThatThrownBy(() -> operations().startOperation(succeeded(update("op-2", "c1", "plan-small"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in progress");
        assertThat(instances().findInstance("c1").orElseThrow().activeOperationId())
                .isNull();
    }

    @Test
    void anOperationFinishesOnlyOnce() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThat(operations().finishOperation("op-1", OperationState.SUCCEEDED, "done", null, null))
                .isTrue();
        assertThat(operations().finishOperation("op-1", OperationState.FAILED, "late", null, null))
                .isFalse();
        assertThat(operations().finishOperation("ghost", OperationState.FAILED, null, null, null))
                .isFalse();

        OperationRecord op = operations().findOperation("op-1").orElseThrow();
        assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(op.description()).isEqualTo("done");
        assertThat(op.finishedAt()).isEqualTo(NOW);
        assertThat(instances().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.READY);
    }

    @Test
    void racingFinishesHaveExactlyOneWinner() throws Exception {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));

        List<Outcome> outcomes = race(i -> () -> operations()
                .finishOperation(
                        "op-1",
                        i % 2 == 0 ? OperationState.SUCCEEDED : OperationState.FAILED,
                        "racer " + i,
                        "{\"racer\":" + i + "}",
                        null));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
        assertThat(outcomes.stream().filter(Outcome::won)).hasSize(1);
        int winner = outcomes.indexOf(
                outcomes.stream().filter(Outcome::won).findFirst().orElseThrow());
        OperationRecord op = operations().findOperation("op-1").orElseThrow();
        InstanceRecord instance = instances().findInstance("c1").orElseThrow();
        assertThat(op.description()).isEqualTo("racer " + winner);
        assertThat(instance.outputsJson()).isEqualTo("{\"racer\":" + winner + "}");
        assertThat(instance.status()).isEqualTo(winner % 2 == 0 ? InstanceStatus.READY : InstanceStatus.CREATE_FAILED);
        assertThat(instance.activeOperationId()).isNull();
    }

    @Test
    void finishingRefusesInProgressAndOutputsThatAreNotAnObject() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThatThrownBy(() -> operations().finishOperation("op-1", OperationState.IN_PROGRESS, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> operations().finishOperation("op-1", OperationState.SUCCEEDED, null, "[1]", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> operations().finishOperation("op-1", OperationState.SUCCEEDED, null, "{oops", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");

        assertThat(operations().findOperation("op-1").orElseThrow().state()).isEqualTo(OperationState.IN_PROGRESS);
    }

    @Test
    void successAppliesTheTargetsAndMergesOutputs() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));
        operations().finishOperation("op-1", OperationState.SUCCEEDED, "deployed", "{\"a\":1,\"b\":1}", "v1:first");
        OperationRecord update = OperationRecord.onExisting(
                "op-2",
                "c1",
                OperationKind.UPDATE,
                null,
                new InstanceSettings("plan-large", "{\"size\":\"20GB\"}", "v1:newsecrets", "1.5.0"),
                new OperationRecord.Origin("9".repeat(64), "user-guid"),
                "{}",
                NOW,
                Duration.ofHours(1));
        operations().startOperation(update);

        assertThat(operations().finishOperation("op-2", OperationState.SUCCEEDED, "updated", "{\"b\":2,\"c\":3}", null))
                .isTrue();

        InstanceRecord instance = instances().findInstance("c1").orElseThrow();
        assertThat(instance.planId()).isEqualTo("plan-large");
        assertThat(instance.parametersJson()).isEqualTo("{\"size\":\"20GB\"}");
        assertThat(instance.sealedSecretParameters()).isEqualTo("v1:newsecrets");
        assertThat(instance.maintenanceVersion()).isEqualTo("1.5.0");
        assertThat(instance.outputsJson()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
        assertThat(instance.sealedSecretOutputs()).isEqualTo("v1:first");
        assertThat(instance.status()).isEqualTo(InstanceStatus.READY);
        assertThat(instance.activeOperationId()).isNull();

        operations().startOperation(operation("op-3", "c1", OperationKind.RECREATE, "plan-large"));
        operations().finishOperation("op-3", OperationState.SUCCEEDED, null, null, "v1:second");
        InstanceRecord recreated = instances().findInstance("c1").orElseThrow();
        assertThat(recreated.maintenanceVersion())
                .as("kept when the target has none")
                .isEqualTo("1.5.0");
        assertThat(recreated.sealedSecretOutputs()).isEqualTo("v1:second");
        assertThat(recreated.outputsJson()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
    }

    @Test
    void failureAppliesNoTarget() {
        readyCluster("c1");
        InstanceRecord before = instances().findInstance("c1").orElseThrow();
        operations().startOperation(update("op-2", "c1", "plan-large"));

        assertThat(operations().finishOperation("op-2", OperationState.FAILED, "bosh said no", "{\"x\":1}", "v1:s"))
                .isTrue();

        InstanceRecord after = instances().findInstance("c1").orElseThrow();
        assertThat(after.planId()).isEqualTo(before.planId());
        assertThat(after.parametersJson()).isEqualTo(before.parametersJson());
        assertThat(after.status()).isEqualTo(InstanceStatus.READY);
        assertThat(after.activeOperationId()).isNull();
        OperationRecord op = operations().findOperation("op-2").orElseThrow();
        assertThat(op.state()).isEqualTo(OperationState.FAILED);
        assertThat(op.description()).isEqualTo("bosh said no");
        assertThat(op.renderedFilesJson())
                .as("an ended operation is never committed again")
                .isNull();
    }

    @Test
    void aFailedDeployLeavesTheInstanceCreateFailedAndDeletable() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));
        operations().finishOperation("op-1", OperationState.FAILED, "no quota", null, null);

        assertThat(instances().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.CREATE_FAILED);

        operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        assertThat(instances().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.DELETING);
    }

    @Test
    void aDeleteGoesThroughDeletingToDeleted() {
        readyCluster("c1");
        readyCluster("c2");
        assertThat(instances().countInstances()).isEqualTo(2);

        operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        InstanceRecord deleting = instances().findInstance("c1").orElseThrow();
        assertThat(deleting.status()).isEqualTo(InstanceStatus.DELETING);
        assertThat(deleting.activeOperationId()).isEqualTo("del");
        assertThat(instances().instanceFolders())
                .extracting(InstanceFolder::instanceId)
                .contains("c1");

        assertThat(operations().finishOperation("del", OperationState.SUCCEEDED, null, null, null))
                .isTrue();

        InstanceRecord deleted = instances().findInstance("c1").orElseThrow();
        assertThat(deleted.status()).isEqualTo(InstanceStatus.DELETED);
        assertThat(deleted.activeOperationId()).isNull();
        assertThat(instances().instanceFolders())
                .extracting(InstanceFolder::instanceId)
                .containsExactly("c2");
        assertThat(instances().countInstances()).isEqualTo(1);
    }

    @Test
    void aFailedDeleteLeavesTheInstanceReady() {
        readyCluster("c1");
        operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        operations().finishOperation("del", OperationState.FAILED, "errand failed", null, null);

        InstanceRecord instance = instances().findInstance("c1").orElseThrow();
        assertThat(instance.status()).isEqualTo(InstanceStatus.READY);
        assertThat(instance.activeOperationId()).isNull();
    }

    @Test
    void aFailedDeleteOfAFailedCreateLeavesItCreateFailed() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));
        operations().finishOperation("op-1", OperationState.FAILED, "no quota", null, null);
        assertThat(operations().wasDeployed("c1")).isFalse();
        operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        operations().finishOperation("del", OperationState.FAILED, "errand failed", null, null);

        assertThat(instances().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.CREATE_FAILED);
        assertThat(cleanups().pending()).isEmpty();
    }

    @Test
    void aSucceededDeleteOfAClusterRecordsTheRemovalOfItsFolder() {
        readyCluster("c1");
        assertThat(operations().wasDeployed("c1")).isTrue();
        operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        assertThat(cleanups().pending()).isEmpty();
        operations().finishOperation("del", OperationState.SUCCEEDED, null, null, null);

        assertThat(cleanups().pending()).singleElement().satisfies(cleanup -> {
            assertThat(cleanup.instanceId()).isEqualTo("c1");
            assertThat(cleanup.operationId()).isEqualTo("del");
            assertThat(cleanup.gitPath())
                    .isEqualTo(instances().findInstance("c1").orElseThrow().gitPath());
            assertThat(cleanup.attempts()).isZero();
            assertThat(cleanup.lastError()).isNull();
        });
        cleanups().failed("c1", "x".repeat(5000));
        assertThat(cleanups().pending()).singleElement().satisfies(cleanup -> {
            assertThat(cleanup.attempts()).isEqualTo(1);
            assertThat(cleanup.lastError()).hasSize(2000).endsWith("...");
        });
        cleanups().done("c1");
        assertThat(cleanups().pending()).isEmpty();
    }

    @Test
    void aDeleteWaitsForTheDeployToEnd() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));
        assertThatThrownBy(
                        () -> operations().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small")))
                .isInstanceOf(OperationInProgressException.class);
        assertThat(instances().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.CREATING);
    }

    @Test
    void pendingCommitsAreListedOldestFirstUntilCommitted() {
        instances().createInstance(cluster("c2"), withStartedAt(deploy("op-late", "c2"), NOW.minusSeconds(10)));
        instances().createInstance(cluster("c1"), withStartedAt(deploy("op-early", "c1"), NOW.minusSeconds(20)));
        instances().createInstance(cluster("c3"), withStartedAt(deploy("op-ended", "c3"), NOW.minusSeconds(30)));
        operations().finishOperation("op-ended", OperationState.FAILED, "timed out", null, null);

        assertThat(operations().pendingCommits())
                .extracting(OperationRecord::id)
                .containsExactly("op-early", "op-late");
        assertThat(operations().pendingCommits().get(0).renderedFilesJson())
                .isEqualTo("{\"pipeline.yml\":\"jobs: []\"}");

        assertThat(operations().markCommitted("op-early", "abc123")).isTrue();
        assertThat(operations().markCommitted("op-early", "def456")).isFalse();
        assertThat(operations().markCommitted("ghost", "def456")).isFalse();

        OperationRecord committed = operations().findOperation("op-early").orElseThrow();
        assertThat(committed.commitState()).isEqualTo(CommitState.COMMITTED);
        assertThat(committed.commitId()).isEqualTo("abc123");
        assertThat(committed.renderedFilesJson()).isNull();
        assertThat(operations().pendingCommits())
                .extracting(OperationRecord::id)
                .containsExactly("op-late");
    }

    @Test
    void overdueOperationsAreTheInProgressOnesPastTheirDeadline() {
        instances().createInstance(cluster("c1"), withDeadline(deploy("op-due", "c1"), NOW.minusSeconds(1)));
        instances().createInstance(cluster("c2"), withDeadline(deploy("op-later", "c2"), NOW.plusSeconds(1)));
        instances().createInstance(cluster("c3"), withDeadline(deploy("op-done", "c3"), NOW.minusSeconds(5)));
        instances().createInstance(cluster("c4"), withDeadline(deploy("op-first", "c4"), NOW.minusSeconds(9)));
        operations().finishOperation("op-done", OperationState.SUCCEEDED, null, null, null);

        assertThat(operations().overdueOperations(NOW))
                .extracting(OperationRecord::id)
                .containsExactly("op-first", "op-due");
        assertThat(operations().overdueOperations(NOW.plusSeconds(2)))
                .extracting(OperationRecord::id)
                .containsExactly("op-first", "op-due", "op-later");
    }

    @Test
    void operationsAreListedNewestFirstUpToTheLimit() {
        instances().createInstance(cluster("c1"), withStartedAt(deploy("op-1", "c1"), NOW.minusSeconds(30)));
        operations().finishOperation("op-1", OperationState.SUCCEEDED, null, null, null);
        operations().startOperation(withStartedAt(update("op-2", "c1", "plan-large"), NOW.minusSeconds(20)));
        operations().finishOperation("op-2", OperationState.SUCCEEDED, null, null, null);
        operations().startOperation(withStartedAt(update("op-3", "c1", "plan-large"), NOW.minusSeconds(10)));
        readyCluster("other");

        assertThat(operations().history("c1", 10))
                .extracting(OperationRecord::id)
                .containsExactly("op-3", "op-2", "op-1");
        assertThat(operations().history("c1", 2))
                .extracting(OperationRecord::id)
                .containsExactly("op-3", "op-2");
        assertThat(operations().history("ghost", 2)).isEmpty();
    }
}
