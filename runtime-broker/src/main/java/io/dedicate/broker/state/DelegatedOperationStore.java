package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.instant;
import static io.dedicate.broker.state.StateDatabase.requiredInstant;
import static io.dedicate.broker.state.StateDatabase.text;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import io.dedicate.broker.state.DelegatedOperation.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The asynchronous operations of {@code delegate} children that a cluster's own broker answered 202 to (table {@code
 * delegated_operation}, migration V5): the operation id this broker gave the platform, the cluster broker's own
 * operation string, and how it ended. Ending an operation is a conditional {@code UPDATE} (only from {@code in
 * progress}), so two replicas polling at once see one winner.
 *
 * <p>Each operation gets a deadline when it starts (migration V6): its start plus the operation timeout. The operations
 * still in progress past it are {@link #overdue overdue}: the driver fails them, so that a cluster broker that never
 * finishes (or went away) cannot keep one in progress forever.
 */
public final class DelegatedOperationStore {

    private static final String COLUMNS =
            "id, instance_id, binding_id, kind, remote_operation, state, description, started_at, finished_at,"
                    + " deadline_at";

    private final StateDatabase database;
    private final JdbcClient jdbc;
    private final Duration timeout;

    /**
     * The operations in {@code database}; each one started is due {@code timeout} later.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public DelegatedOperationStore(StateDatabase database, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("dedicate.default-operation-timeout must be positive, got " + timeout);
        }
        this.database = database;
        this.jdbc = database.jdbc();
        this.timeout = timeout;
    }

    /** Records a new operation in progress, due one operation timeout from now, and returns it. */
    public DelegatedOperation start(
            String instanceId, @Nullable String bindingId, Kind kind, @Nullable String remoteOperation) {
        Instant startedAt = database.now();
        DelegatedOperation operation = new DelegatedOperation(
                UUID.randomUUID().toString(),
                instanceId,
                bindingId,
                kind,
                remoteOperation,
                OperationState.IN_PROGRESS,
                null,
                startedAt,
                null,
                startedAt.plus(timeout));
        jdbc.sql("INSERT INTO delegated_operation (" + COLUMNS + ") VALUES (:id, :instanceId, :bindingId, :kind,"
                        + " :remote, :state, NULL, :startedAt, NULL, :deadline)")
                .param("id", operation.id())
                .param("instanceId", instanceId)
                .param("bindingId", text(bindingId))
                .param("kind", kind.wire())
                .param("remote", text(remoteOperation))
                .param("state", OperationState.IN_PROGRESS.wire())
                .param("startedAt", timestamp(operation.startedAt()))
                .param("deadline", timestamp(startedAt.plus(timeout)))
                .update();
        return operation;
    }

    /** The operation with this id, whatever its state. */
    public Optional<DelegatedOperation> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE id = :id")
                .param("id", id)
                .query(DelegatedOperationStore::operation)
                .optional();
    }

    /** The newest operation of an instance (its bindings' excluded), if any. */
    public Optional<DelegatedOperation> latestOfInstance(String instanceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE instance_id = :id"
                        + " AND binding_id IS NULL ORDER BY started_at DESC, id DESC LIMIT 1")
                .param("id", instanceId)
                .query(DelegatedOperationStore::operation)
                .optional();
    }

    /** The newest operation of a binding, if any. */
    public Optional<DelegatedOperation> latestOfBinding(String instanceId, String bindingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE instance_id = :id"
                        + " AND binding_id = :bindingId ORDER BY started_at DESC, id DESC LIMIT 1")
                .param("id", instanceId)
                .param("bindingId", bindingId)
                .query(DelegatedOperationStore::operation)
                .optional();
    }

    /** The operation of {@code kind} still in progress on an instance (or binding), if any. */
    public Optional<DelegatedOperation> inProgress(String instanceId, @Nullable String bindingId, Kind kind) {
        return (bindingId == null ? latestOfInstance(instanceId) : latestOfBinding(instanceId, bindingId))
                .filter(operation -> operation.kind() == kind && operation.state() == OperationState.IN_PROGRESS);
    }

    /**
     * Ends an operation in progress as {@code state} with {@code description}; false (changing nothing) if it had
     * ended already.
     */
    public boolean finish(String id, OperationState state, @Nullable String description) {
        if (state == OperationState.IN_PROGRESS) {
            throw new IllegalArgumentException("an operation ends succeeded or failed, not in progress");
        }
        return jdbc.sql("UPDATE delegated_operation SET state = :state, description = :description,"
                                + " finished_at = :now WHERE id = :id AND state = :inProgress")
                        .param("state", state.wire())
                        .param("description", text(description))
                        .param("now", timestamp(database.now()))
                        .param("id", id)
                        .param("inProgress", OperationState.IN_PROGRESS.wire())
                        .update()
                == 1;
    }

    /** Updates the description of an operation still in progress (the cluster broker's latest word). */
    public void describe(String id, @Nullable String description) {
        jdbc.sql("UPDATE delegated_operation SET description = :description WHERE id = :id AND state = :inProgress")
                .param("description", text(description))
                .param("id", id)
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .update();
    }

    /** True when {@code operation} is still in progress past its deadline, now. */
    public boolean isOverdue(DelegatedOperation operation) {
        return operation.overdueAt(database.now());
    }

    /** The operations still in progress whose deadline has passed, the oldest deadline first. */
    public List<DelegatedOperation> overdue() {
        Instant now = database.now();
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE state = :inProgress"
                        + " AND deadline_at < :now ORDER BY deadline_at, id")
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .param("now", timestamp(now))
                .query(DelegatedOperationStore::operation)
                .list();
    }

    private static DelegatedOperation operation(ResultSet rs, int row) throws SQLException {
        return new DelegatedOperation(
                rs.getString("id"),
                rs.getString("instance_id"),
                rs.getString("binding_id"),
                Kind.fromWire(rs.getString("kind")),
                rs.getString("remote_operation"),
                OperationState.fromWire(rs.getString("state")),
                rs.getString("description"),
                requiredInstant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "deadline_at"));
    }
}
