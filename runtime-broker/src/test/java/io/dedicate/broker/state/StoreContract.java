package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stores' contracts share, run against every database the broker supports (each concrete test names one):
 * every test gets a fresh, migrated database and a real connection pool, so racing threads use distinct connections
 * as broker replicas would; the stores over it; the records the tests store; and the race of {@link #RACERS} threads.
 */
abstract class StoreContract {

    static final Instant NOW = Instant.parse("2026-05-06T07:08:09.123456Z");
    static final Instant CREATED = Instant.parse("2026-05-06T07:00:00.654321Z");
    static final int RACERS = 8;
    static final String PIPELINE = "{\"pipeline.yml\":\"jobs: []\"}";

    @TempDir
    @Nullable
    Path tempDir;

    private @Nullable HikariDataSource dataSource;
    private @Nullable InstanceStore instances;
    private @Nullable OperationStore operations;
    private @Nullable ChildStore children;
    private @Nullable BindingStore bindings;
    private @Nullable CleanupStore cleanups;

    /** A JDBC URL of a new, empty database. */
    abstract String newJdbcUrl(Path tempDir);

    @BeforeEach
    void openDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(newJdbcUrl(requireNonNull(tempDir)));
        config.setMaximumPoolSize(RACERS + 2);
        HikariDataSource pool = new HikariDataSource(config);
        StateDatabase.migrate(pool);
        dataSource = pool;
        StateDatabase database = new StateDatabase(pool, Clock.fixed(NOW, ZoneOffset.UTC));
        instances = new InstanceStore(database);
        operations = new OperationStore(database);
        children = new ChildStore(database);
        bindings = new BindingStore(database);
        cleanups = new CleanupStore(database);
    }

    @AfterEach
    void closeDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    CleanupStore cleanups() {
        return requireNonNull(cleanups);
    }

    HikariDataSource dataSource() {
        return requireNonNull(dataSource);
    }

    InstanceStore instances() {
        return requireNonNull(instances);
    }

    OperationStore operations() {
        return requireNonNull(operations);
    }

    ChildStore children() {
        return requireNonNull(children);
    }

    BindingStore bindings() {
        return requireNonNull(bindings);
    }

    /** Creates the cluster {@code id} and ends its deploy successfully. */
    void readyCluster(String id) {
        instances().createInstance(cluster(id), deploy("deploy-" + id, id));
        assertThat(operations().finishOperation("deploy-" + id, OperationState.SUCCEEDED, null, null, null))
                .isTrue();
    }

    // ---------------------------------------------------------------- records

    static InstanceRecord cluster(String id) {
        return InstanceRecord.newCluster(
                id,
                "service-guid",
                new Placement("org-guid", "space-guid", null, null, id),
                new InstanceSettings("plan-small", "{\"size\":\"10GB\"}", null, null),
                "0".repeat(64),
                "instances/" + id,
                CREATED);
    }

    static InstanceRecord child(String id, String clusterId) {
        return InstanceRecord.newChild(
                id,
                "service-guid",
                clusterId,
                new Placement("org-guid", "space-guid", null, null, id),
                new InstanceSettings("plan-database", "{}", null, null),
                "0".repeat(64),
                CREATED);
    }

    static OperationRecord deploy(String id, String instanceId) {
        return operation(id, instanceId, OperationKind.DEPLOY, "plan-small");
    }

    static OperationRecord update(String id, String instanceId, String planId) {
        return operation(id, instanceId, OperationKind.UPDATE, planId);
    }

    static OperationRecord operation(String id, String instanceId, OperationKind kind, String planId) {
        InstanceSettings target = new InstanceSettings(planId, "{\"size\":\"10GB\"}", null, null);
        OperationRecord.Origin origin = new OperationRecord.Origin("2".repeat(64), null);
        Duration timeout = Duration.ofHours(2);
        return kind == OperationKind.DEPLOY
                ? OperationRecord.deploy(id, instanceId, null, target, origin, PIPELINE, NOW, timeout)
                : OperationRecord.onExisting(id, instanceId, kind, null, target, origin, PIPELINE, NOW, timeout);
    }

    static InstanceRecord withStatus(InstanceRecord r, InstanceStatus status, String activeOperationId, Instant now) {
        return r.withProgress(new InstanceRecord.Progress(status, activeOperationId, r.createdAt(), now));
    }

    static InstanceRecord withCreatedAt(InstanceRecord r, Instant createdAt) {
        return r.withProgress(new InstanceRecord.Progress(r.status(), r.activeOperationId(), createdAt, r.updatedAt()));
    }

    static InstanceRecord withPlan(InstanceRecord r, String planId) {
        return r.withSettings(r.settings().withPlanId(planId));
    }

    static InstanceRecord withNames(InstanceRecord r, String org, String space, String name) {
        return r.withPlacement(new Placement(r.orgGuid(), r.spaceGuid(), org, space, name));
    }

    static OperationRecord withStartedAt(OperationRecord o, Instant startedAt) {
        return o.withTiming(new OperationRecord.Timing(startedAt, o.deadlineAt(), o.finishedAt()));
    }

    static OperationRecord withDeadline(OperationRecord o, Instant deadlineAt) {
        return o.withTiming(new OperationRecord.Timing(o.startedAt(), deadlineAt, o.finishedAt()));
    }

    /** {@code o} as if it had succeeded already: no store starts it. */
    static OperationRecord succeeded(OperationRecord o) {
        return new OperationRecord(
                o.id(),
                o.instanceId(),
                o.kind(),
                OperationState.SUCCEEDED,
                o.description(),
                o.target(),
                o.origin(),
                o.commit(),
                o.timing());
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
