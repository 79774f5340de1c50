package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What {@link InstanceStore} promises: instances created with their deploy, found back column for column, one winner among racing creates of one id, the folders the meta pipeline lists, names, and clusters found by name. Run on H2 and on PostgreSQL (see {@link StoreContract}).
 */
abstract class InstanceStoreContract extends StoreContract {

    @Test
    void migrationCreatesTheSchemaOnceAndIsIdempotent() {
        StateDatabase.migrate(dataSource());
        var info = Flyway.configure().dataSource(dataSource()).load().info();
        // every migration on the class path (V1, V2, and those of later features) applied, the newest current
        assertThat(info.applied()).hasSizeGreaterThanOrEqualTo(2).hasSize(info.all().length);
        assertThat(requireNonNull(info.current()).getVersion())
                .isEqualTo(info.all()[info.all().length - 1].getVersion());
        assertThat(info.pending()).isEmpty();
        assertThat(instances().countInstances()).isZero();
    }

    @Test
    void createStoresEveryColumnAndFindsItBack() {
        InstanceRecord instance = new InstanceRecord(
                new InstanceRecord.Identity(
                        "child-1", "service-guid", InstanceKind.CHILD, "cluster-7", "instances/cluster-7/child-1"),
                new Placement("org-guid", "space-guid", "my-org", "my-space", "my-db"),
                new InstanceSettings("plan-guid", "{\"size\":\"10GB\"}", "v1:sealedparams", "1.4.0"),
                // the store stores CREATING whatever the record says
                new InstanceRecord.Progress(InstanceStatus.READY, null, CREATED, CREATED),
                new InstanceRecord.Outputs("{\"url\":\"https://x\"}", "v1:sealedoutputs"),
                "a".repeat(64));
        OperationRecord deploy = new OperationRecord(
                "op-1",
                "child-1",
                OperationKind.DEPLOY,
                OperationState.IN_PROGRESS,
                "deploying",
                new InstanceSettings("plan-guid", "{\"size\":\"10GB\"}", "v1:sealedtarget", "1.4.0"),
                new OperationRecord.Origin("c".repeat(64), "user-guid"),
                new OperationRecord.Commit(
                        CommitState.PENDING,
                        "0123456789abcdef0123456789abcdef01234567",
                        "{\"pipeline.yml\":\"jobs: []\"}"),
                new OperationRecord.Timing(
                        Instant.parse("2026-05-06T07:08:00.000001Z"),
                        Instant.parse("2026-05-06T09:08:00.999999Z"),
                        Instant.parse("2026-05-06T07:09:00.500000Z")));

        instances().createInstance(instance, deploy);

        assertThat(instances().findInstance("child-1"))
                .contains(withStatus(instance, InstanceStatus.CREATING, "op-1", NOW));
        assertThat(operations().findOperation("op-1")).contains(deploy);
        assertThat(instances().findInstance("nope")).isEmpty();
        assertThat(operations().findOperation("nope")).isEmpty();
    }

    @Test
    void nullableColumnsRoundTripAsNull() {
        InstanceRecord instance = new InstanceRecord(
                new InstanceRecord.Identity("c1", "service-guid", InstanceKind.CLUSTER, null, "instances/c1"),
                new Placement("org-guid", "space-guid", null, null, null),
                new InstanceSettings("plan-guid", "{}", null, null),
                new InstanceRecord.Progress(InstanceStatus.CREATING, null, CREATED, CREATED),
                InstanceRecord.Outputs.NONE,
                "d".repeat(64));
        OperationRecord deploy = new OperationRecord(
                "op-1",
                "c1",
                OperationKind.DEPLOY,
                OperationState.IN_PROGRESS,
                null,
                new InstanceSettings("plan-guid", "{}", null, null),
                new OperationRecord.Origin("d".repeat(64), null),
                new OperationRecord.Commit(CommitState.PENDING, null, null),
                new OperationRecord.Timing(NOW, NOW.plus(Duration.ofHours(2)), null));

        instances().createInstance(instance, deploy);

        assertThat(instances().findInstance("c1")).contains(withStatus(instance, InstanceStatus.CREATING, "op-1", NOW));
        assertThat(operations().findOperation("op-1")).contains(deploy);
    }

    @Test
    void instantsKeepMicrosecondsAndDropNanoseconds() {
        Instant nanos = Instant.parse("2026-05-06T07:00:00.123456789Z");
        InstanceRecord instance = withCreatedAt(cluster("c1"), nanos);
        instances().createInstance(instance, deploy("op-1", "c1"));

        assertThat(requireNonNull(instances().findInstance("c1").orElseThrow()).createdAt())
                .isEqualTo(Instant.parse("2026-05-06T07:00:00.123456Z"));
    }

    @Test
    void createAcceptsOnlyAnInProgressDeployOfTheNewInstance() {
        assertThatThrownBy(() -> instances().createInstance(cluster("c1"), deploy("op-1", "c2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c2");
        assertThatThrownBy(() -> instances().createInstance(cluster("c1"), update("op-1", "c1", "plan-small")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deploy");
        assertThatThrownBy(() -> instances().createInstance(cluster("c1"), succeeded(deploy("op-1", "c1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in progress");
        assertThat(instances().findInstance("c1")).isEmpty();
    }

    @Test
    void aTakenIdIsRefusedAndNothingChanges() {
        instances().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThatThrownBy(
                        () -> instances().createInstance(withPlan(cluster("c1"), "other-plan"), deploy("op-2", "c1")))
                .isInstanceOf(InstanceExistsException.class)
                .hasMessage("service instance 'c1' already exists");

        assertThat(instances().findInstance("c1").orElseThrow().planId()).isEqualTo("plan-small");
        assertThat(operations().findOperation("op-2")).isEmpty();
        assertThat(instances().countInstances()).isEqualTo(1);
    }

    @Test
    void racingCreatesOfOneIdHaveExactlyOneWinner() throws Exception {
        List<Outcome> outcomes = race(i -> () -> {
            instances().createInstance(cluster("c1"), deploy("op-" + i, "c1"));
            return true;
        });

        assertThat(outcomes.stream().filter(Outcome::won)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.won()))
                .allSatisfy(o -> assertThat(o.error()).isInstanceOf(InstanceExistsException.class));
        String winner = "op-"
                + outcomes.indexOf(
                        outcomes.stream().filter(Outcome::won).findFirst().orElseThrow());
        assertThat(instances().findInstance("c1").orElseThrow().activeOperationId())
                .isEqualTo(winner);
        assertThat(operations().history("c1", 100))
                .extracting(OperationRecord::id)
                .containsExactly(winner);
    }

    @Test
    void instanceFoldersListsLiveClustersSortedByFolderAmongTenThousandRows() throws Exception {
        int rows = 10_000;
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO service_instance (id, service_id,"
                        + " plan_id, kind, org_guid, space_guid, parameters, status, request_digest, git_path,"
                        + " created_at, updated_at) VALUES (?, 's', 'p', ?, 'o', 's', '{}', ?, 'd', ?, ?, ?)")) {
            connection.setAutoCommit(false);
            Timestamp now = Timestamp.from(NOW);
            for (int i = 0; i < rows; i++) {
                String id = String.format("i-%05d", (i * 7919) % rows); // inserted out of order
                insert.setString(1, id);
                insert.setString(2, i % 10 == 0 ? "child" : "cluster");
                insert.setString(3, i % 10 == 1 ? "deleted" : i % 10 == 2 ? "creating" : "ready");
                insert.setString(4, "instances/" + id);
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }

        long start = System.nanoTime();
        List<InstanceFolder> folders = instances().instanceFolders();
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        System.out.printf(
                "%s: instanceFolders over %d rows: %d folders in %d us%n", getClass(), rows, folders.size(), micros);

        assertThat(folders).hasSize(8_000);
        assertThat(folders).isSortedAccordingTo(Comparator.comparing(InstanceFolder::gitPath));
        assertThat(folders).allSatisfy(f -> assertThat(f.gitPath()).isEqualTo("instances/" + f.instanceId()));
        assertThat(instances().countInstances()).isEqualTo(9_000);
    }

    @Test
    void clusterOrgsKeepsTheOrgsOfDeletedClustersAndLeavesChildrenOut() throws Exception {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO service_instance (id, service_id,"
                        + " plan_id, kind, org_guid, space_guid, parameters, status, request_digest, git_path,"
                        + " created_at, updated_at) VALUES (?, 's', 'p', ?, ?, 's', '{}', ?, 'd', ?, ?, ?)")) {
            Timestamp now = Timestamp.from(NOW);
            String[][] rows = {
                {"c1", "cluster", "org-b", "ready"},
                {"c2", "cluster", "org-a", "deleted"},
                {"c3", "cluster", "org-b", "creating"},
                {"k1", "child", "org-c", "ready"},
            };
            for (String[] row : rows) {
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.setString(3, row[2]);
                insert.setString(4, row[3]);
                insert.setString(5, row[2] + "/s/" + row[0]);
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                insert.executeUpdate();
            }
        }

        assertThat(instances().clusterOrgs()).containsExactly("org-a", "org-b");
        assertThat(instances().instanceFolders())
                .extracting(InstanceFolder::gitPath)
                .containsExactly("org-b/s/c1", "org-b/s/c3");
    }

    @Test
    void namesAreUpdatedAndAbsentNamesKept() {
        instances().createInstance(withNames(cluster("c1"), "org", "space", "name"), deploy("op-1", "c1"));

        instances().updateNames("c1", "org-2", null, "name-2");

        InstanceRecord instance = instances().findInstance("c1").orElseThrow();
        assertThat(instance.orgName()).isEqualTo("org-2");
        assertThat(instance.spaceName()).isEqualTo("space");
        assertThat(instance.instanceName()).isEqualTo("name-2");
        assertThatThrownBy(() -> instances().updateNames("ghost", "o", "s", "n"))
                .isInstanceOf(InstanceGoneException.class);
    }

    @Test
    void clustersAreFoundByNameInTheirSpaceUntilDeleted() {
        readyCluster("cl");
        assertThat(instances().findClusterByName("space-guid", "cl"))
                .get()
                .extracting(InstanceRecord::id)
                .isEqualTo("cl");
        assertThat(instances().findClusterByName("other-space", "cl")).isEmpty();
        children().createChild(child("c-1", "cl"));
        assertThat(instances().findClusterByName("space-guid", "c-1")).isEmpty();
        instances().createInstance(cluster("creating"), deploy("deploy-creating", "creating"));
        assertThat(instances().findClusterByName("space-guid", "creating"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.CREATING);
        assertThat(children().markChildDeleted("c-1")).isTrue();
        operations().startOperation(operation("del", "cl", OperationKind.DELETE, "plan-small"));
        assertThat(instances().findClusterByName("space-guid", "cl"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.DELETING);
        assertThat(operations().finishOperation("del", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        assertThat(instances().findClusterByName("space-guid", "cl")).isEmpty();
    }
}
