package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link StateStore} promises, run against every database the broker supports: each subclass names one. Every
 * test gets a fresh, migrated database and a real connection pool, so racing threads use distinct connections as
 * broker replicas would.
 */
abstract class StateStoreContract {

    static final Instant NOW = Instant.parse("2026-05-06T07:08:09.123456Z");
    static final Instant CREATED = Instant.parse("2026-05-06T07:00:00.654321Z");
    static final int RACERS = 8;

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
        store = new StateStore(pool, Clock.fixed(NOW, ZoneOffset.UTC));
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

    HikariDataSource dataSource() {
        return requireNonNull(dataSource);
    }

    // ---------------------------------------------------------------- migration

    @Test
    void migrationCreatesTheSchemaOnceAndIsIdempotent() {
        StateStore.migrate(dataSource());
        var info = Flyway.configure().dataSource(dataSource()).load().info();
        // every migration on the class path (V1, V2, and those of later features) applied, the newest current
        assertThat(info.applied()).hasSizeGreaterThanOrEqualTo(2).hasSize(info.all().length);
        assertThat(requireNonNull(info.current()).getVersion())
                .isEqualTo(info.all()[info.all().length - 1].getVersion());
        assertThat(info.pending()).isEmpty();
        assertThat(store().countInstances()).isZero();
    }

    // ---------------------------------------------------------------- create and find

    @Test
    void createStoresEveryColumnAndFindsItBack() {
        InstanceRecord instance = new InstanceRecord(
                "child-1",
                "service-guid",
                "plan-guid",
                InstanceKind.CHILD,
                "cluster-7",
                "org-guid",
                "space-guid",
                "my-org",
                "my-space",
                "my-db",
                "{\"size\":\"10GB\"}",
                "v1:sealedparams",
                "1.4.0",
                InstanceStatus.READY, // the store stores CREATING whatever the record says
                "a".repeat(64),
                "instances/cluster-7/child-1",
                "{\"url\":\"https://x\"}",
                "v1:sealedoutputs",
                null,
                CREATED,
                CREATED);
        OperationRecord deploy = new OperationRecord(
                "op-1",
                "child-1",
                OperationKind.DEPLOY,
                OperationState.IN_PROGRESS,
                "deploying",
                "b".repeat(64),
                "plan-guid",
                "{\"size\":\"10GB\"}",
                "v1:sealedtarget",
                "1.4.0",
                "c".repeat(64),
                "user-guid",
                CommitState.PENDING,
                "0123456789abcdef0123456789abcdef01234567",
                "{\"pipeline.yml\":\"jobs: []\"}",
                Instant.parse("2026-05-06T07:08:00.000001Z"),
                Instant.parse("2026-05-06T09:08:00.999999Z"),
                Instant.parse("2026-05-06T07:09:00.500000Z"));

        store().createInstance(instance, deploy);

        assertThat(store().findInstance("child-1"))
                .contains(withStatus(instance, InstanceStatus.CREATING, "op-1", NOW));
        assertThat(store().findOperation("op-1")).contains(deploy);
        assertThat(store().findInstance("nope")).isEmpty();
        assertThat(store().findOperation("nope")).isEmpty();
    }

    @Test
    void nullableColumnsRoundTripAsNull() {
        InstanceRecord instance = new InstanceRecord(
                "c1",
                "service-guid",
                "plan-guid",
                InstanceKind.CLUSTER,
                null,
                "org-guid",
                "space-guid",
                null,
                null,
                null,
                "{}",
                null,
                null,
                InstanceStatus.CREATING,
                "d".repeat(64),
                "instances/c1",
                null,
                null,
                null,
                CREATED,
                CREATED);
        OperationRecord deploy = new OperationRecord(
                "op-1",
                "c1",
                OperationKind.DEPLOY,
                OperationState.IN_PROGRESS,
                null,
                "e".repeat(64),
                "plan-guid",
                "{}",
                null,
                null,
                "d".repeat(64),
                null,
                CommitState.PENDING,
                null,
                null,
                NOW,
                NOW.plus(Duration.ofHours(2)),
                null);

        store().createInstance(instance, deploy);

        assertThat(store().findInstance("c1")).contains(withStatus(instance, InstanceStatus.CREATING, "op-1", NOW));
        assertThat(store().findOperation("op-1")).contains(deploy);
    }

    @Test
    void instantsKeepMicrosecondsAndDropNanoseconds() {
        Instant nanos = Instant.parse("2026-05-06T07:00:00.123456789Z");
        InstanceRecord instance = withCreatedAt(cluster("c1"), nanos);
        store().createInstance(instance, deploy("op-1", "c1"));

        assertThat(requireNonNull(store().findInstance("c1").orElseThrow()).createdAt())
                .isEqualTo(Instant.parse("2026-05-06T07:00:00.123456Z"));
    }

    @Test
    void createAcceptsOnlyAnInProgressDeployOfTheNewInstance() {
        assertThatThrownBy(() -> store().createInstance(cluster("c1"), deploy("op-1", "c2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c2");
        assertThatThrownBy(() -> store().createInstance(cluster("c1"), update("op-1", "c1", "plan-small")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deploy");
        assertThatThrownBy(() -> store().createInstance(cluster("c1"), withState(deploy("op-1", "c1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in progress");
        assertThat(store().findInstance("c1")).isEmpty();
    }

    // ---------------------------------------------------------------- duplicates

    @Test
    void aTakenIdIsRefusedAndNothingChanges() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThatThrownBy(() -> store().createInstance(withPlan(cluster("c1"), "other-plan"), deploy("op-2", "c1")))
                .isInstanceOf(InstanceExistsException.class)
                .hasMessage("service instance 'c1' already exists");

        assertThat(store().findInstance("c1").orElseThrow().planId()).isEqualTo("plan-small");
        assertThat(store().findOperation("op-2")).isEmpty();
        assertThat(store().countInstances()).isEqualTo(1);
    }

    @Test
    void racingCreatesOfOneIdHaveExactlyOneWinner() throws Exception {
        List<Outcome> outcomes = race(i -> () -> {
            store().createInstance(cluster("c1"), deploy("op-" + i, "c1"));
            return true;
        });

        assertThat(outcomes.stream().filter(Outcome::won)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.won()))
                .allSatisfy(o -> assertThat(o.error()).isInstanceOf(InstanceExistsException.class));
        String winner = "op-"
                + outcomes.indexOf(
                        outcomes.stream().filter(Outcome::won).findFirst().orElseThrow());
        assertThat(store().findInstance("c1").orElseThrow().activeOperationId()).isEqualTo(winner);
        assertThat(store().operations("c1", 100))
                .extracting(OperationRecord::id)
                .containsExactly(winner);
    }

    // ---------------------------------------------------------------- one operation at a time

    @Test
    void anOperationIsRefusedWhileAnotherIsActive() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThatThrownBy(() -> store().startOperation(update("op-2", "c1", "plan-large")))
                .isInstanceOfSatisfying(
                        OperationInProgressException.class,
                        e -> assertThat(e.activeOperationId()).isEqualTo("op-1"))
                .hasMessageContaining("op-1");
        assertThat(store().findOperation("op-2")).isEmpty();

        assertThat(store().finishOperation("op-1", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        store().startOperation(update("op-2", "c1", "plan-large"));

        assertThat(store().findInstance("c1").orElseThrow().activeOperationId()).isEqualTo("op-2");
        assertThat(store().findOperation("op-2")).isPresent();
    }

    @Test
    void racingOperationsOnOneInstanceHaveExactlyOneWinner() throws Exception {
        readyCluster("c1");

        List<Outcome> outcomes = race(i -> () -> {
            store().startOperation(update("race-" + i, "c1", "plan-large"));
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
        assertThat(store().findInstance("c1").orElseThrow().activeOperationId()).isEqualTo(winner);
        assertThat(store().operations("c1", 100))
                .extracting(OperationRecord::id)
                .contains(winner)
                .hasSize(2);
    }

    @Test
    void operationsOnAbsentOrDeletedInstancesAreRefused() {
        assertThatThrownBy(() -> store().startOperation(update("op-1", "ghost", "plan-large")))
                .isInstanceOf(InstanceGoneException.class)
                .hasMessageContaining("ghost");

        readyCluster("c1");
        store().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        store().finishOperation("del", OperationState.SUCCEEDED, null, null, null);

        assertThatThrownBy(() -> store().startOperation(update("op-2", "c1", "plan-large")))
                .isInstanceOf(InstanceGoneException.class);
        assertThatThrownBy(() -> store().startOperation(operation("del-2", "c1", OperationKind.DELETE, "plan-small")))
                .isInstanceOf(InstanceGoneException.class);
    }

    @Test
    void aDeployIsStartedOnlyByCreate() {
        readyCluster("c1");
        assertThatThrownBy(() -> store().startOperation(deploy("op-2", "c1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createInstance");
        assertThatThrownBy(() -> store().startOperation(withState(update("op-2", "c1", "plan-small"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in progress");
        assertThat(store().findInstance("c1").orElseThrow().activeOperationId()).isNull();
    }

    // ---------------------------------------------------------------- finishing

    @Test
    void anOperationFinishesOnlyOnce() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThat(store().finishOperation("op-1", OperationState.SUCCEEDED, "done", null, null))
                .isTrue();
        assertThat(store().finishOperation("op-1", OperationState.FAILED, "late", null, null))
                .isFalse();
        assertThat(store().finishOperation("ghost", OperationState.FAILED, null, null, null))
                .isFalse();

        OperationRecord op = store().findOperation("op-1").orElseThrow();
        assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(op.description()).isEqualTo("done");
        assertThat(op.finishedAt()).isEqualTo(NOW);
        assertThat(store().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.READY);
    }

    @Test
    void racingFinishesHaveExactlyOneWinner() throws Exception {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));

        List<Outcome> outcomes = race(i -> () -> store().finishOperation(
                        "op-1",
                        i % 2 == 0 ? OperationState.SUCCEEDED : OperationState.FAILED,
                        "racer " + i,
                        "{\"racer\":" + i + "}",
                        null));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
        assertThat(outcomes.stream().filter(Outcome::won)).hasSize(1);
        int winner = outcomes.indexOf(
                outcomes.stream().filter(Outcome::won).findFirst().orElseThrow());
        OperationRecord op = store().findOperation("op-1").orElseThrow();
        InstanceRecord instance = store().findInstance("c1").orElseThrow();
        assertThat(op.description()).isEqualTo("racer " + winner);
        assertThat(instance.outputsJson()).isEqualTo("{\"racer\":" + winner + "}");
        assertThat(instance.status()).isEqualTo(winner % 2 == 0 ? InstanceStatus.READY : InstanceStatus.CREATE_FAILED);
        assertThat(instance.activeOperationId()).isNull();
    }

    @Test
    void finishingRefusesInProgressAndOutputsThatAreNotAnObject() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));

        assertThatThrownBy(() -> store().finishOperation("op-1", OperationState.IN_PROGRESS, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().finishOperation("op-1", OperationState.SUCCEEDED, null, "[1]", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> store().finishOperation("op-1", OperationState.SUCCEEDED, null, "{oops", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");

        assertThat(store().findOperation("op-1").orElseThrow().state()).isEqualTo(OperationState.IN_PROGRESS);
    }

    @Test
    void successAppliesTheTargetsAndMergesOutputs() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));
        store().finishOperation("op-1", OperationState.SUCCEEDED, "deployed", "{\"a\":1,\"b\":1}", "v1:first");
        OperationRecord update = new OperationRecord(
                "op-2",
                "c1",
                OperationKind.UPDATE,
                OperationState.IN_PROGRESS,
                null,
                "f".repeat(64),
                "plan-large",
                "{\"size\":\"20GB\"}",
                "v1:newsecrets",
                "1.5.0",
                "9".repeat(64),
                "user-guid",
                CommitState.PENDING,
                null,
                "{}",
                NOW,
                NOW.plus(Duration.ofHours(1)),
                null);
        store().startOperation(update);

        assertThat(store().finishOperation("op-2", OperationState.SUCCEEDED, "updated", "{\"b\":2,\"c\":3}", null))
                .isTrue();

        InstanceRecord instance = store().findInstance("c1").orElseThrow();
        assertThat(instance.planId()).isEqualTo("plan-large");
        assertThat(instance.parametersJson()).isEqualTo("{\"size\":\"20GB\"}");
        assertThat(instance.sealedSecretParameters()).isEqualTo("v1:newsecrets");
        assertThat(instance.maintenanceVersion()).isEqualTo("1.5.0");
        assertThat(instance.outputsJson()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
        assertThat(instance.sealedSecretOutputs()).isEqualTo("v1:first");
        assertThat(instance.status()).isEqualTo(InstanceStatus.READY);
        assertThat(instance.activeOperationId()).isNull();

        store().startOperation(operation("op-3", "c1", OperationKind.RECREATE, "plan-large"));
        store().finishOperation("op-3", OperationState.SUCCEEDED, null, null, "v1:second");
        InstanceRecord recreated = store().findInstance("c1").orElseThrow();
        assertThat(recreated.maintenanceVersion())
                .as("kept when the target has none")
                .isEqualTo("1.5.0");
        assertThat(recreated.sealedSecretOutputs()).isEqualTo("v1:second");
        assertThat(recreated.outputsJson()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
    }

    @Test
    void failureAppliesNoTarget() {
        readyCluster("c1");
        InstanceRecord before = store().findInstance("c1").orElseThrow();
        store().startOperation(update("op-2", "c1", "plan-large"));

        assertThat(store().finishOperation("op-2", OperationState.FAILED, "bosh said no", "{\"x\":1}", "v1:s"))
                .isTrue();

        InstanceRecord after = store().findInstance("c1").orElseThrow();
        assertThat(after.planId()).isEqualTo(before.planId());
        assertThat(after.parametersJson()).isEqualTo(before.parametersJson());
        assertThat(after.status()).isEqualTo(InstanceStatus.READY);
        assertThat(after.activeOperationId()).isNull();
        OperationRecord op = store().findOperation("op-2").orElseThrow();
        assertThat(op.state()).isEqualTo(OperationState.FAILED);
        assertThat(op.description()).isEqualTo("bosh said no");
        assertThat(op.renderedFilesJson())
                .as("an ended operation is never committed again")
                .isNull();
    }

    @Test
    void aFailedDeployLeavesTheInstanceCreateFailedAndDeletable() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));
        store().finishOperation("op-1", OperationState.FAILED, "no quota", null, null);

        assertThat(store().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.CREATE_FAILED);

        store().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        assertThat(store().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.DELETING);
    }

    // ---------------------------------------------------------------- delete

    @Test
    void aDeleteGoesThroughDeletingToDeleted() {
        readyCluster("c1");
        readyCluster("c2");
        assertThat(store().countInstances()).isEqualTo(2);

        store().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        InstanceRecord deleting = store().findInstance("c1").orElseThrow();
        assertThat(deleting.status()).isEqualTo(InstanceStatus.DELETING);
        assertThat(deleting.activeOperationId()).isEqualTo("del");
        assertThat(store().instanceFolders())
                .extracting(InstanceFolder::instanceId)
                .contains("c1");

        assertThat(store().finishOperation("del", OperationState.SUCCEEDED, null, null, null))
                .isTrue();

        InstanceRecord deleted = store().findInstance("c1").orElseThrow();
        assertThat(deleted.status()).isEqualTo(InstanceStatus.DELETED);
        assertThat(deleted.activeOperationId()).isNull();
        assertThat(store().instanceFolders())
                .extracting(InstanceFolder::instanceId)
                .containsExactly("c2");
        assertThat(store().countInstances()).isEqualTo(1);
    }

    @Test
    void aFailedDeleteLeavesTheInstanceReady() {
        readyCluster("c1");
        store().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small"));
        store().finishOperation("del", OperationState.FAILED, "errand failed", null, null);

        InstanceRecord instance = store().findInstance("c1").orElseThrow();
        assertThat(instance.status()).isEqualTo(InstanceStatus.READY);
        assertThat(instance.activeOperationId()).isNull();
    }

    @Test
    void aDeleteWaitsForTheDeployToEnd() {
        store().createInstance(cluster("c1"), deploy("op-1", "c1"));
        assertThatThrownBy(() -> store().startOperation(operation("del", "c1", OperationKind.DELETE, "plan-small")))
                .isInstanceOf(OperationInProgressException.class);
        assertThat(store().findInstance("c1").orElseThrow().status()).isEqualTo(InstanceStatus.CREATING);
    }

    // ---------------------------------------------------------------- commits and time-outs

    @Test
    void pendingCommitsAreListedOldestFirstUntilCommitted() {
        store().createInstance(cluster("c2"), withStartedAt(deploy("op-late", "c2"), NOW.minusSeconds(10)));
        store().createInstance(cluster("c1"), withStartedAt(deploy("op-early", "c1"), NOW.minusSeconds(20)));
        store().createInstance(cluster("c3"), withStartedAt(deploy("op-ended", "c3"), NOW.minusSeconds(30)));
        store().finishOperation("op-ended", OperationState.FAILED, "timed out", null, null);

        assertThat(store().pendingCommits()).extracting(OperationRecord::id).containsExactly("op-early", "op-late");
        assertThat(store().pendingCommits().get(0).renderedFilesJson()).isEqualTo("{\"pipeline.yml\":\"jobs: []\"}");

        assertThat(store().markCommitted("op-early", "abc123")).isTrue();
        assertThat(store().markCommitted("op-early", "def456")).isFalse();
        assertThat(store().markCommitted("ghost", "def456")).isFalse();

        OperationRecord committed = store().findOperation("op-early").orElseThrow();
        assertThat(committed.commitState()).isEqualTo(CommitState.COMMITTED);
        assertThat(committed.commitId()).isEqualTo("abc123");
        assertThat(committed.renderedFilesJson()).isNull();
        assertThat(store().pendingCommits()).extracting(OperationRecord::id).containsExactly("op-late");
    }

    @Test
    void overdueOperationsAreTheInProgressOnesPastTheirDeadline() {
        store().createInstance(cluster("c1"), withDeadline(deploy("op-due", "c1"), NOW.minusSeconds(1)));
        store().createInstance(cluster("c2"), withDeadline(deploy("op-later", "c2"), NOW.plusSeconds(1)));
        store().createInstance(cluster("c3"), withDeadline(deploy("op-done", "c3"), NOW.minusSeconds(5)));
        store().createInstance(cluster("c4"), withDeadline(deploy("op-first", "c4"), NOW.minusSeconds(9)));
        store().finishOperation("op-done", OperationState.SUCCEEDED, null, null, null);

        assertThat(store().overdueOperations(NOW))
                .extracting(OperationRecord::id)
                .containsExactly("op-first", "op-due");
        assertThat(store().overdueOperations(NOW.plusSeconds(2)))
                .extracting(OperationRecord::id)
                .containsExactly("op-first", "op-due", "op-later");
    }

    // ---------------------------------------------------------------- folders, names, history, count

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
        List<InstanceFolder> folders = store().instanceFolders();
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        System.out.printf(
                "%s: instanceFolders over %d rows: %d folders in %d us%n", getClass(), rows, folders.size(), micros);

        assertThat(folders).hasSize(8_000);
        assertThat(folders).isSortedAccordingTo(Comparator.comparing(InstanceFolder::gitPath));
        assertThat(folders).allSatisfy(f -> assertThat(f.gitPath()).isEqualTo("instances/" + f.instanceId()));
        assertThat(store().countInstances()).isEqualTo(9_000);
    }

    @Test
    void namesAreUpdatedAndAbsentNamesKept() {
        store().createInstance(withNames(cluster("c1"), "org", "space", "name"), deploy("op-1", "c1"));

        store().updateNames("c1", "org-2", null, "name-2");

        InstanceRecord instance = store().findInstance("c1").orElseThrow();
        assertThat(instance.orgName()).isEqualTo("org-2");
        assertThat(instance.spaceName()).isEqualTo("space");
        assertThat(instance.instanceName()).isEqualTo("name-2");
        assertThatThrownBy(() -> store().updateNames("ghost", "o", "s", "n")).isInstanceOf(InstanceGoneException.class);
    }

    @Test
    void operationsAreListedNewestFirstUpToTheLimit() {
        store().createInstance(cluster("c1"), withStartedAt(deploy("op-1", "c1"), NOW.minusSeconds(30)));
        store().finishOperation("op-1", OperationState.SUCCEEDED, null, null, null);
        store().startOperation(withStartedAt(update("op-2", "c1", "plan-large"), NOW.minusSeconds(20)));
        store().finishOperation("op-2", OperationState.SUCCEEDED, null, null, null);
        store().startOperation(withStartedAt(update("op-3", "c1", "plan-large"), NOW.minusSeconds(10)));
        readyCluster("other");

        assertThat(store().operations("c1", 10))
                .extracting(OperationRecord::id)
                .containsExactly("op-3", "op-2", "op-1");
        assertThat(store().operations("c1", 2)).extracting(OperationRecord::id).containsExactly("op-3", "op-2");
        assertThat(store().operations("ghost", 2)).isEmpty();
    }

    @Test
    void liveChildrenAreTheClustersChildrenNotDeleted() {
        readyCluster("cluster-a");
        readyCluster("cluster-b");
        assertThat(store().liveChildren("cluster-a")).isEmpty();
        store().createInstance(child("child-2", "cluster-a"), deploy("deploy-child-2", "child-2"));
        store().createInstance(child("child-1", "cluster-a"), deploy("deploy-child-1", "child-1"));
        store().createInstance(child("child-3", "cluster-b"), deploy("deploy-child-3", "child-3"));
        assertThat(store().liveChildren("cluster-a")).containsExactly("child-1", "child-2");
        assertThat(store().finishOperation("deploy-child-1", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        store().startOperation(operation("delete-child-1", "child-1", OperationKind.DELETE, "plan-small"));
        assertThat(store().finishOperation("delete-child-1", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        assertThat(store().liveChildren("cluster-a")).containsExactly("child-2");
    }

    // ---------------------------------------------------------------- children and bindings

    @Test
    void aChildIsCreatedOnlyInAReadyCluster() {
        store().createInstance(cluster("creating"), deploy("deploy-creating", "creating"));
        assertThatThrownBy(() -> store().createChild(child("c-1", "creating")))
                .isInstanceOfSatisfying(
                        ClusterUnavailableException.class,
                        e -> assertThat(e.status()).isEqualTo(InstanceStatus.CREATING));
        assertThatThrownBy(() -> store().createChild(child("c-1", "ghost"))).isInstanceOf(InstanceGoneException.class);
        readyCluster("ready");
        store().createChild(child("c-1", "ready"));
        assertThat(store().findInstance("c-1"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.CREATING);
        assertThatThrownBy(() -> store().createChild(child("c-1", "ready")))
                .isInstanceOf(InstanceExistsException.class);
        assertThat(store().markChildReady("c-1")).isTrue();
        assertThat(store().markChildReady("c-1")).isFalse();
        assertThat(store().discardChild("c-1")).isFalse();
        assertThat(store().liveChildren("ready")).containsExactly("c-1");
        assertThat(store().markChildDeleted("c-1")).isTrue();
        assertThat(store().markChildDeleted("c-1")).isFalse();
        assertThat(store().liveChildren("ready")).isEmpty();
        store().createChild(child("c-2", "ready"));
        assertThat(store().discardChild("c-2")).isTrue();
        assertThat(store().findInstance("c-2")).isEmpty();
    }

    @Test
    void aClusterWithChildrenIsNotDeletedAndNoChildEntersADeletingCluster() {
        readyCluster("cl");
        store().createChild(child("c-1", "cl"));
        assertThatThrownBy(() -> store().startOperation(operation("del-1", "cl", OperationKind.DELETE, "plan-small")))
                .isInstanceOfSatisfying(
                        ChildrenExistException.class,
                        e -> assertThat(e.children()).containsExactly("c-1"));
        assertThat(store().findInstance("cl"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.READY);
        assertThat(store().findOperation("del-1")).isEmpty();
        assertThat(store().markChildDeleted("c-1")).isTrue();
        store().startOperation(operation("del-2", "cl", OperationKind.DELETE, "plan-small"));
        assertThatThrownBy(() -> store().createChild(child("c-3", "cl")))
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
                    store().startOperation(operation("del-" + cluster, cluster, OperationKind.DELETE, "plan-small"));
                    return true;
                }
                store().createChild(child(cluster + "-child-" + i, cluster));
                return true;
            });
            boolean deleted = outcomes.get(deleter).won();
            List<String> children = store().liveChildren(cluster);
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

    @Test
    void aBindingIsClaimedOnceCompletedAndDeleted() {
        readyCluster("cl");
        store().createChild(child("c-1", "cl"));
        assertThat(store().findBinding("b-1")).isEmpty();
        assertThat(store().claimBinding("b-1", "c-1", "u_1", "d".repeat(64))).isTrue();
        assertThat(store().claimBinding("b-1", "c-1", "u_1", "d".repeat(64))).isFalse();
        assertThat(store().findBinding("b-1"))
                .get()
                .extracting(BindingRecord::status)
                .isEqualTo(BindingStatus.CREATING);
        assertThat(store().markBindingDeleted("b-1")).isFalse();
        assertThat(store().completeBinding("b-1", "sealed")).isTrue();
        assertThat(store().completeBinding("b-1", "other")).isFalse();
        BindingRecord ready = store().findBinding("b-1").orElseThrow();
        assertThat(ready)
                .isEqualTo(new BindingRecord("b-1", "c-1", "u_1", BindingStatus.READY, "d".repeat(64), "sealed", NOW));
        assertThat(store().liveBindings("c-1")).isEqualTo(1);
        assertThat(store().markBindingDeleted("b-1")).isTrue();
        assertThat(store().markBindingDeleted("b-1")).isFalse();
        assertThat(store().findBinding("b-1").orElseThrow().sealedCredentials()).isNull();
        assertThat(store().liveBindings("c-1")).isZero();
        assertThat(store().claimBinding("b-1", "c-1", "u_1", "e".repeat(64))).isTrue();
        assertThat(store().abandonBinding("b-1")).isTrue();
        assertThat(store().claimBinding("b-2", "c-1", "u_2", "e".repeat(64))).isTrue();
        assertThat(store().completeBinding("b-2", "sealed")).isTrue();
        assertThat(store().markChildDeleted("c-1")).isTrue();
        assertThat(store().findBinding("b-2").orElseThrow().status()).isEqualTo(BindingStatus.DELETED);
    }

    @Test
    void clustersAreFoundByNameInTheirSpaceUntilDeleted() {
        readyCluster("cl");
        assertThat(store().findClusterByName("space-guid", "cl"))
                .get()
                .extracting(InstanceRecord::id)
                .isEqualTo("cl");
        assertThat(store().findClusterByName("other-space", "cl")).isEmpty();
        store().createChild(child("c-1", "cl"));
        assertThat(store().findClusterByName("space-guid", "c-1")).isEmpty();
        store().createInstance(cluster("creating"), deploy("deploy-creating", "creating"));
        assertThat(store().findClusterByName("space-guid", "creating"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.CREATING);
        assertThat(store().markChildDeleted("c-1")).isTrue();
        store().startOperation(operation("del", "cl", OperationKind.DELETE, "plan-small"));
        assertThat(store().findClusterByName("space-guid", "cl"))
                .get()
                .extracting(InstanceRecord::status)
                .isEqualTo(InstanceStatus.DELETING);
        assertThat(store().finishOperation("del", OperationState.SUCCEEDED, null, null, null))
                .isTrue();
        assertThat(store().findClusterByName("space-guid", "cl")).isEmpty();
    }

    // ---------------------------------------------------------------- fixtures

    static InstanceRecord child(String id, String clusterId) {
        InstanceRecord cluster = cluster(id);
        return new InstanceRecord(
                id,
                cluster.serviceId(),
                "plan-database",
                InstanceKind.CHILD,
                clusterId,
                cluster.orgGuid(),
                cluster.spaceGuid(),
                null,
                null,
                id,
                "{}",
                null,
                null,
                InstanceStatus.CREATING,
                cluster.requestDigest(),
                cluster.gitPath(),
                null,
                null,
                null,
                cluster.createdAt(),
                cluster.updatedAt());
    }

    void readyCluster(String id) {
        store().createInstance(cluster(id), deploy("deploy-" + id, id));
        assertThat(store().finishOperation("deploy-" + id, OperationState.SUCCEEDED, null, null, null))
                .isTrue();
    }

    static InstanceRecord cluster(String id) {
        return new InstanceRecord(
                id,
                "service-guid",
                "plan-small",
                InstanceKind.CLUSTER,
                null,
                "org-guid",
                "space-guid",
                null,
                null,
                id,
                "{\"size\":\"10GB\"}",
                null,
                null,
                InstanceStatus.CREATING,
                "0".repeat(64),
                "instances/" + id,
                null,
                null,
                null,
                CREATED,
                CREATED);
    }

    static OperationRecord deploy(String id, String instanceId) {
        return operation(id, instanceId, OperationKind.DEPLOY, "plan-small");
    }

    static OperationRecord update(String id, String instanceId, String planId) {
        return operation(id, instanceId, OperationKind.UPDATE, planId);
    }

    static OperationRecord operation(String id, String instanceId, OperationKind kind, String planId) {
        return new OperationRecord(
                id,
                instanceId,
                kind,
                OperationState.IN_PROGRESS,
                null,
                "1".repeat(64),
                planId,
                "{\"size\":\"10GB\"}",
                null,
                null,
                "2".repeat(64),
                null,
                CommitState.PENDING,
                null,
                "{\"pipeline.yml\":\"jobs: []\"}",
                NOW,
                NOW.plus(Duration.ofHours(2)),
                null);
    }

    static InstanceRecord withStatus(InstanceRecord r, InstanceStatus status, String activeOperationId, Instant now) {
        return new InstanceRecord(
                r.id(),
                r.serviceId(),
                r.planId(),
                r.kind(),
                r.clusterId(),
                r.orgGuid(),
                r.spaceGuid(),
                r.orgName(),
                r.spaceName(),
                r.instanceName(),
                r.parametersJson(),
                r.sealedSecretParameters(),
                r.maintenanceVersion(),
                status,
                r.requestDigest(),
                r.gitPath(),
                r.outputsJson(),
                r.sealedSecretOutputs(),
                activeOperationId,
                r.createdAt(),
                now);
    }

    static InstanceRecord withCreatedAt(InstanceRecord r, Instant createdAt) {
        return new InstanceRecord(
                r.id(),
                r.serviceId(),
                r.planId(),
                r.kind(),
                r.clusterId(),
                r.orgGuid(),
                r.spaceGuid(),
                r.orgName(),
                r.spaceName(),
                r.instanceName(),
                r.parametersJson(),
                r.sealedSecretParameters(),
                r.maintenanceVersion(),
                r.status(),
                r.requestDigest(),
                r.gitPath(),
                r.outputsJson(),
                r.sealedSecretOutputs(),
                r.activeOperationId(),
                createdAt,
                r.updatedAt());
    }

    static InstanceRecord withPlan(InstanceRecord r, String planId) {
        return new InstanceRecord(
                r.id(),
                r.serviceId(),
                planId,
                r.kind(),
                r.clusterId(),
                r.orgGuid(),
                r.spaceGuid(),
                r.orgName(),
                r.spaceName(),
                r.instanceName(),
                r.parametersJson(),
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

    static InstanceRecord withNames(InstanceRecord r, String org, String space, String name) {
        return new InstanceRecord(
                r.id(),
                r.serviceId(),
                r.planId(),
                r.kind(),
                r.clusterId(),
                r.orgGuid(),
                r.spaceGuid(),
                org,
                space,
                name,
                r.parametersJson(),
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

    static OperationRecord withStartedAt(OperationRecord o, Instant startedAt) {
        return new OperationRecord(
                o.id(),
                o.instanceId(),
                o.kind(),
                o.state(),
                o.description(),
                o.tokenHash(),
                o.targetPlanId(),
                o.targetParametersJson(),
                o.sealedTargetSecretParameters(),
                o.targetMaintenanceVersion(),
                o.requestDigest(),
                o.requester(),
                o.commitState(),
                o.commitId(),
                o.renderedFilesJson(),
                startedAt,
                o.deadlineAt(),
                o.finishedAt());
    }

    static OperationRecord withState(OperationRecord o) {
        return new OperationRecord(
                o.id(),
                o.instanceId(),
                o.kind(),
                OperationState.SUCCEEDED,
                o.description(),
                o.tokenHash(),
                o.targetPlanId(),
                o.targetParametersJson(),
                o.sealedTargetSecretParameters(),
                o.targetMaintenanceVersion(),
                o.requestDigest(),
                o.requester(),
                o.commitState(),
                o.commitId(),
                o.renderedFilesJson(),
                o.startedAt(),
                o.deadlineAt(),
                o.finishedAt());
    }

    static OperationRecord withDeadline(OperationRecord o, Instant deadlineAt) {
        return new OperationRecord(
                o.id(),
                o.instanceId(),
                o.kind(),
                o.state(),
                o.description(),
                o.tokenHash(),
                o.targetPlanId(),
                o.targetParametersJson(),
                o.sealedTargetSecretParameters(),
                o.targetMaintenanceVersion(),
                o.requestDigest(),
                o.requester(),
                o.commitState(),
                o.commitId(),
                o.renderedFilesJson(),
                o.startedAt(),
                deadlineAt,
                o.finishedAt());
    }

    // ---------------------------------------------------------------- racing

    /** What one racer got: whether its call returned true, or what it threw. */
    record Outcome(boolean won, @Nullable Throwable error) {}

    /** A racer's call, given its index. */
    interface Racer {
        Callable<Boolean> call(int index);
    }

    /** Runs {@link #RACERS} calls released at the same instant, each on its own thread and connection. */
    static List<Outcome> race(Racer racer) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<Boolean> call = racer.call(i);
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                try {
                    outcomes.add(new Outcome(Boolean.TRUE.equals(future.get(60, TimeUnit.SECONDS)), null));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(new Outcome(false, e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a racer did not finish within 60 s", e);
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    static <T> T requireNonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("not set up");
        }
        return value;
    }
}
