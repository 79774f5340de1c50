package io.dedicate.broker.lifecycle;

import io.dedicate.broker.state.OperationState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
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
public final class DelegatedOperations {

    private static final String COLUMNS =
            "id, instance_id, binding_id, kind, remote_operation, state, description, started_at, finished_at,"
                    + " deadline_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration timeout;

    /**
     * The operations in {@code dataSource}, whose schema is migrated; {@code clock} stamps them, and each one started
     * is due {@code timeout} later.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public DelegatedOperations(DataSource dataSource, Clock clock, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("dedicate.default-operation-timeout must be positive, got " + timeout);
        }
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.timeout = timeout;
    }

    /** What a delegated operation does on the cluster broker. */
    public enum Kind {
        PROVISION,
        DEPROVISION,
        BIND,
        UNBIND;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One delegated operation.
     *
     * @param id the operation id the platform polls with
     * @param instanceId the child instance
     * @param bindingId the binding, for {@link Kind#BIND} and {@link Kind#UNBIND}
     * @param remoteOperation the cluster broker's operation string, if it sent one
     * @param deadline when it is overdue; null for an operation started before deadlines were kept
     */
    public record Operation(
            String id,
            String instanceId,
            @Nullable String bindingId,
            Kind kind,
            @Nullable String remoteOperation,
            OperationState state,
            @Nullable String description,
            Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable Instant deadline) {

        /** True when it is still in progress at {@code now}, past its deadline. */
        public boolean overdueAt(Instant now) {
            return state == OperationState.IN_PROGRESS && deadline != null && now.isAfter(deadline);
        }

        /** How long it was given (from its start to its deadline); null without a deadline. */
        public @Nullable Duration allowed() {
            return deadline == null ? null : Duration.between(startedAt, deadline);
        }
    }

    /** Records a new operation in progress, due one operation timeout from now, and returns it. */
    public Operation start(String instanceId, @Nullable String bindingId, Kind kind, @Nullable String remoteOperation) {
        Instant startedAt = now();
        Operation operation = new Operation(
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
    public Optional<Operation> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE id = :id")
                .param("id", id)
                .query(DelegatedOperations::operation)
                .optional();
    }

    /** The newest operation of an instance (its bindings' excluded), if any. */
    public Optional<Operation> latestOfInstance(String instanceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE instance_id = :id"
                        + " AND binding_id IS NULL ORDER BY started_at DESC, id DESC LIMIT 1")
                .param("id", instanceId)
                .query(DelegatedOperations::operation)
                .optional();
    }

    /** The newest operation of a binding, if any. */
    public Optional<Operation> latestOfBinding(String instanceId, String bindingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE instance_id = :id"
                        + " AND binding_id = :bindingId ORDER BY started_at DESC, id DESC LIMIT 1")
                .param("id", instanceId)
                .param("bindingId", bindingId)
                .query(DelegatedOperations::operation)
                .optional();
    }

    /** The operation of {@code kind} still in progress on an instance (or binding), if any. */
    public Optional<Operation> inProgress(String instanceId, @Nullable String bindingId, Kind kind) {
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
                        .param("now", timestamp(now()))
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
    public boolean isOverdue(Operation operation) {
        return operation.overdueAt(now());
    }

    /** The operations still in progress whose deadline has passed, the oldest deadline first. */
    public List<Operation> overdue() {
        Instant now = now();
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegated_operation WHERE state = :inProgress"
                        + " AND deadline_at < :now ORDER BY deadline_at, id")
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .param("now", timestamp(now))
                .query(DelegatedOperations::operation)
                .list();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Operation operation(ResultSet rs, int row) throws SQLException {
        OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        OffsetDateTime deadline = rs.getObject("deadline_at", OffsetDateTime.class);
        return new Operation(
                rs.getString("id"),
                rs.getString("instance_id"),
                rs.getString("binding_id"),
                Kind.fromWire(rs.getString("kind")),
                rs.getString("remote_operation"),
                OperationState.fromWire(rs.getString("state")),
                rs.getString("description"),
                started.toInstant(),
                finished == null ? null : finished.toInstant(),
                deadline == null ? null : deadline.toInstant());
    }

    private static SqlParameterValue text(@Nullable String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static SqlParameterValue timestamp(Instant value) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE,
                OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
}
