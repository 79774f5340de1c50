package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.text;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Operations on instances as rows of {@code operation}, and the children each one affected ({@code operation_child}):
 * starting one on an existing instance, marking its commit, finishing it, the pending commits and overdue operations
 * the recovery passes look for, and an instance's history.
 *
 * <p>One operation per instance: {@link #startOperation} claims the instance's row through its {@code
 * active_operation_id} (a conditional {@code UPDATE}); one end per operation: {@link #finishOperation} moves its
 * {@code state} from in progress. So two replicas racing on the same row see exactly one winner. Both transitions
 * change the instance's row in the same transaction as the operation's, and live here because the operation drives
 * them: starting one claims the instance (for a delete, under that claim, also checks that the cluster has no live
 * children, the lock {@link ChildStore#createChild} takes too) and records the children it affects; ending one applies
 * its targets to the instance.
 */
public final class OperationStore {

    private static final int MAX_CLAIM_ATTEMPTS = 3;

    private final StateDatabase database;
    private final JdbcClient jdbc;

    public OperationStore(StateDatabase database) {
        this.database = database;
        this.jdbc = database.jdbc();
    }

    /** The operation with this id. */
    public Optional<OperationRecord> findOperation(String id) {
        return jdbc.sql("SELECT " + OperationRows.COLUMNS + " FROM operation WHERE id = :id")
                .param("id", id)
                .query(OperationRows::map)
                .optional();
    }

    /**
     * Starts a further operation (update, recreate, upgrade, delete) on an existing instance, in one transaction: sets
     * the instance's {@code active_operation_id} from {@code NULL} to the operation's id (for {@link
     * OperationKind#DELETE} also its status from {@code ready} or {@code create_failed} to {@code deleting}), then
     * inserts the operation. An update, upgrade or recreate also records, in the same transaction, the instance's live
     * children as the ones it affects ({@link #affectedChildren(String)}).
     *
     * @throws OperationInProgressException if another operation is active on the instance
     * @throws InstanceGoneException if the instance is absent or deleted
     * @throws ChildrenExistException for a delete of a cluster that has live children, checked while the claim holds
     *     the cluster row's lock (so no child created concurrently by {@link ChildStore#createChild} slips through)
     * @throws IllegalStateException if the instance's status does not allow the operation (a delete of an instance
     *     that is neither ready nor failed)
     * @throws IllegalArgumentException for a {@link OperationKind#DEPLOY}, which only {@link
     *     InstanceStore#createInstance} starts, or an operation that is not in progress
     */
    public void startOperation(OperationRecord operation) {
        OperationRows.requireInProgress(operation);
        if (operation.kind() == OperationKind.DEPLOY) {
            throw new IllegalArgumentException(
                    "operation " + operation.id() + ": a deploy starts with createInstance, not startOperation");
        }
        String instanceId = operation.instanceId();
        boolean delete = operation.kind() == OperationKind.DELETE;
        String claim = delete
                ? "UPDATE service_instance SET active_operation_id = :operationId, status = :deleting,"
                        + " updated_at = :now WHERE id = :id AND active_operation_id IS NULL"
                        + " AND status IN (:ready, :createFailed)"
                : "UPDATE service_instance SET active_operation_id = :operationId, updated_at = :now"
                        + " WHERE id = :id AND active_operation_id IS NULL AND status <> :deleted";
        for (int attempt = 1; ; attempt++) {
            Instant now = database.now();
            boolean started = Boolean.TRUE.equals(database.transactions().execute(status -> {
                JdbcClient.StatementSpec statement = jdbc.sql(claim)
                        .param("operationId", operation.id())
                        .param("now", timestamp(now))
                        .param("id", instanceId);
                statement = delete
                        ? statement
                                .param("deleting", InstanceStatus.DELETING.wire())
                                .param("ready", InstanceStatus.READY.wire())
                                .param("createFailed", InstanceStatus.CREATE_FAILED.wire())
                        : statement.param("deleted", InstanceStatus.DELETED.wire());
                if (statement.update() == 0) {
                    return false;
                }
                if (delete) {
                    // the claim holds the cluster row's lock: no child can be created in it until this ends
                    List<String> children = InstanceRows.liveChildIds(jdbc, instanceId);
                    if (!children.isEmpty()) {
                        throw new ChildrenExistException(instanceId, children);
                    }
                }
                OperationRows.insert(jdbc, operation);
                if (!delete) {
                    recordAffectedChildren(operation);
                }
                return true;
            }));
            if (started) {
                return;
            }
            RuntimeException refusal = refusal(instanceId, operation);
            // the active operation may have ended between the claim and the look: claim again, a few times
            if (!(refusal instanceof IllegalStateException) || attempt == MAX_CLAIM_ATTEMPTS) {
                throw refusal;
            }
        }
    }

    private RuntimeException refusal(String instanceId, OperationRecord operation) {
        Optional<InstanceRecord> current = InstanceRows.find(jdbc, instanceId);
        if (current.isEmpty() || current.get().status() == InstanceStatus.DELETED) {
            return new InstanceGoneException(instanceId);
        }
        String active = current.get().activeOperationId();
        if (active != null) {
            return new OperationInProgressException(instanceId, active);
        }
        return new IllegalStateException("service instance '" + instanceId + "' is "
                + current.get().status().wire() + ": cannot start a "
                + operation.kind().wire() + " operation");
    }

    /**
     * Records the live children of the operation's instance (not deleted; still being created included) as affected by
     * it. Called inside {@link #startOperation}'s transaction, after the claim of the cluster row: {@link
     * ChildStore#createChild} locks that row too, so the snapshot holds exactly the children that exist when the
     * operation starts.
     */
    private void recordAffectedChildren(OperationRecord operation) {
        jdbc.sql("INSERT INTO operation_child (operation_id, child_id) SELECT CAST(:operationId AS VARCHAR(64)), id"
                        + " FROM service_instance WHERE cluster_id = :clusterId AND status <> :deleted")
                .param("operationId", operation.id())
                .param("clusterId", operation.instanceId())
                .param("deleted", InstanceStatus.DELETED.wire())
                .update();
    }

    /**
     * Records that the operation's rendered files are committed: its commit state goes from {@link CommitState#PENDING} to
     * {@link CommitState#COMMITTED}, the commit id is stored and the rendered files are dropped.
     *
     * @return false (changing nothing) if the operation is absent or its commit was not pending
     */
    public boolean markCommitted(String operationId, String commitId) {
        return jdbc.sql("UPDATE operation SET commit_state = :committed, commit_id = :commitId,"
                                + " rendered_files = NULL WHERE id = :id AND commit_state = :pending")
                        .param("committed", CommitState.COMMITTED.wire())
                        .param("commitId", commitId)
                        .param("id", operationId)
                        .param("pending", CommitState.PENDING.wire())
                        .update()
                == 1;
    }

    /**
     * Ends an in-progress operation, atomically and once, in one transaction.
     *
     * <p>On {@link OperationState#SUCCEEDED} the operation's targets become the instance's: plan, parameters, sealed
     * secret parameters (replaced as a whole: {@code null} means none, so an operation carries unchanged secrets
     * forward) and maintenance version (only when the target has one). Outputs are merged (top-level keys of {@code
     * outputsJson} replace the stored ones), {@code sealedSecretOutputs} replaces the stored blob when non-null. The
     * status moves to {@code ready}, or {@code deleted} for a delete. On {@link OperationState#FAILED} nothing of the
     * targets is applied; a deploy leaves the instance {@code create_failed}, a delete puts it back to {@code ready},
     * other operations leave the status as it was. Either way the instance's active operation is cleared, and the
     * operation's rendered files are dropped (an ended operation is never committed again).
     *
     * @return false (changing nothing) if the operation is absent or not in progress
     * @throws IllegalArgumentException if {@code outcome} is {@link OperationState#IN_PROGRESS}, or {@code outputsJson}
     *     is not a JSON object
     */
    public boolean finishOperation(
            String operationId,
            OperationState outcome,
            @Nullable String description,
            @Nullable String outputsJson,
            @Nullable String sealedSecretOutputs) {
        if (outcome == OperationState.IN_PROGRESS) {
            throw new IllegalArgumentException("operation " + operationId + " cannot finish 'in progress'");
        }
        @Nullable ObjectNode newOutputs = outputsJson == null ? null : InstanceRows.jsonObject(outputsJson, "outputs");
        Instant now = database.now();
        Boolean finished = database.transactions().execute(status -> {
            int ended = jdbc.sql("UPDATE operation SET state = :outcome, description = :description,"
                            + " finished_at = :now, rendered_files = NULL WHERE id = :id AND state = :inProgress")
                    .param("outcome", outcome.wire())
                    .param("description", text(description))
                    .param("now", timestamp(now))
                    .param("id", operationId)
                    .param("inProgress", OperationState.IN_PROGRESS.wire())
                    .update();
            if (ended == 0) {
                return false;
            }
            OperationRecord operation = findOperation(operationId).orElseThrow();
            InstanceRecord instance = jdbc.sql(
                            "SELECT " + InstanceRows.COLUMNS + " FROM service_instance WHERE id = :id FOR UPDATE")
                    .param("id", operation.instanceId())
                    .query(InstanceRows::map)
                    .single();
            applyOutcome(instance, operation, outcome, newOutputs, sealedSecretOutputs, now);
            return true;
        });
        return Boolean.TRUE.equals(finished);
    }

    private void applyOutcome(
            InstanceRecord instance,
            OperationRecord operation,
            OperationState outcome,
            @Nullable ObjectNode newOutputs,
            @Nullable String sealedSecretOutputs,
            Instant now) {
        boolean succeeded = outcome == OperationState.SUCCEEDED;
        InstanceStatus nextStatus = nextStatus(instance.status(), operation.kind(), succeeded);
        if (nextStatus == InstanceStatus.READY
                && operation.kind() == OperationKind.DELETE
                && instance.kind() == InstanceKind.CLUSTER
                && !wasDeployed(instance.id())) {
            // a failed delete of an instance whose create failed leaves it as it was: never created
            nextStatus = InstanceStatus.CREATE_FAILED;
        }
        String planId = succeeded ? operation.targetPlanId() : instance.planId();
        String parameters = succeeded ? operation.targetParametersJson() : instance.parametersJson();
        @Nullable
        String secretParameters =
                succeeded ? operation.sealedTargetSecretParameters() : instance.sealedSecretParameters();
        @Nullable
        String maintenanceVersion = succeeded && operation.targetMaintenanceVersion() != null
                ? operation.targetMaintenanceVersion()
                : instance.maintenanceVersion();
        @Nullable String outputs = newOutputs == null ? instance.outputsJson() : merged(instance, newOutputs);
        @Nullable
        String secretOutputs = sealedSecretOutputs == null ? instance.sealedSecretOutputs() : sealedSecretOutputs;
        @Nullable
        String activeOperationId =
                operation.id().equals(instance.activeOperationId()) ? null : instance.activeOperationId();
        jdbc.sql("UPDATE service_instance SET plan_id = :planId, parameters = :parameters,"
                        + " secret_parameters = :secretParameters, maintenance_version = :maintenanceVersion,"
                        + " outputs = :outputs, secret_outputs = :secretOutputs, status = :status,"
                        + " active_operation_id = :activeOperationId, updated_at = :now WHERE id = :id")
                .param("planId", planId)
                .param("parameters", parameters)
                .param("secretParameters", text(secretParameters))
                .param("maintenanceVersion", text(maintenanceVersion))
                .param("outputs", text(outputs))
                .param("secretOutputs", text(secretOutputs))
                .param("status", nextStatus.wire())
                .param("activeOperationId", text(activeOperationId))
                .param("now", timestamp(now))
                .param("id", instance.id())
                .update();
        if (succeeded && operation.kind() == OperationKind.DELETE && instance.kind() == InstanceKind.CLUSTER) {
            CleanupStore.record(jdbc, instance, operation.id(), now);
        }
    }

    /**
     * True if the cluster instance's deploy succeeded: it was created, whatever happened since. False for an instance
     * whose create failed (or runs), and for a child (created without a deploy operation).
     */
    public boolean wasDeployed(String instanceId) {
        return jdbc.sql(
                                "SELECT COUNT(*) FROM operation WHERE instance_id = :id AND kind = :deploy AND state = :succeeded")
                        .param("id", instanceId)
                        .param("deploy", OperationKind.DEPLOY.wire())
                        .param("succeeded", OperationState.SUCCEEDED.wire())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static InstanceStatus nextStatus(InstanceStatus current, OperationKind kind, boolean succeeded) {
        return switch (kind) {
            case DEPLOY -> succeeded ? InstanceStatus.READY : InstanceStatus.CREATE_FAILED;
            case DELETE -> succeeded ? InstanceStatus.DELETED : InstanceStatus.READY;
            case UPDATE, RECREATE, UPGRADE -> succeeded ? InstanceStatus.READY : current;
        };
    }

    private static String merged(InstanceRecord instance, ObjectNode newOutputs) {
        String stored = instance.outputsJson();
        ObjectNode outputs = stored == null
                ? InstanceRows.emptyObject()
                : InstanceRows.jsonObject(stored, "stored outputs of instance " + instance.id());
        outputs.setAll(newOutputs);
        return outputs.toString();
    }

    /** Operations still in progress whose commit is pending (to commit again after a crash), oldest first. */
    public List<OperationRecord> pendingCommits() {
        return jdbc.sql("SELECT " + OperationRows.COLUMNS + " FROM operation WHERE commit_state = :pending"
                        + " AND state = :inProgress ORDER BY started_at, id")
                .param("pending", CommitState.PENDING.wire())
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .query(OperationRows::map)
                .list();
    }

    /** In-progress operations whose deadline is before {@code now} (for the time-out sweep), earliest deadline first. */
    public List<OperationRecord> overdueOperations(Instant now) {
        return jdbc.sql("SELECT " + OperationRows.COLUMNS + " FROM operation WHERE state = :inProgress"
                        + " AND deadline_at < :now ORDER BY deadline_at, id")
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .param("now", timestamp(now))
                .query(OperationRows::map)
                .list();
    }

    /** The last {@code limit} operations of an instance, newest first (for dashboards). */
    public List<OperationRecord> history(String instanceId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return jdbc.sql("SELECT " + OperationRows.COLUMNS + " FROM operation WHERE instance_id = :instanceId"
                        + " ORDER BY started_at DESC, id DESC LIMIT :limit")
                .param("instanceId", instanceId)
                .param("limit", limit)
                .query(OperationRows::map)
                .list();
    }

    /** The IDs of the children an operation affected (the snapshot taken when it started), sorted. */
    public List<String> affectedChildren(String operationId) {
        return jdbc.sql("SELECT child_id FROM operation_child WHERE operation_id = :operationId ORDER BY child_id")
                .param("operationId", operationId)
                .query((rs, row) -> rs.getString(1))
                .list();
    }

    /**
     * The children each of a cluster's operations affected, for its dashboard: operation ID to sorted child IDs, for
     * the operations of {@code clusterId} that affected at least one child. One query.
     */
    public Map<String, List<String>> affectedChildrenOfCluster(String clusterId) {
        Map<String, List<String>> affected = new TreeMap<>();
        jdbc.sql("SELECT oc.operation_id, oc.child_id FROM operation_child oc JOIN operation o"
                        + " ON o.id = oc.operation_id WHERE o.instance_id = :clusterId"
                        + " ORDER BY oc.operation_id, oc.child_id")
                .param("clusterId", clusterId)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(pair -> affected.computeIfAbsent(pair.getKey(), key -> new ArrayList<>())
                        .add(pair.getValue()));
        affected.replaceAll((operation, children) -> List.copyOf(children));
        return Collections.unmodifiableMap(affected);
    }

    /**
     * The latest operation of its cluster that affected {@code childId}: the newest by start time among those whose
     * snapshot holds the child.
     */
    public Optional<OperationRecord> latestOperationAffecting(String childId) {
        return jdbc.sql("SELECT " + prefixed("o.", OperationRows.COLUMNS) + " FROM operation_child oc"
                        + " JOIN operation o ON o.id = oc.operation_id WHERE oc.child_id = :childId"
                        + " ORDER BY o.started_at DESC, o.id DESC LIMIT 1")
                .param("childId", childId)
                .query(OperationRows::map)
                .optional();
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }
}
