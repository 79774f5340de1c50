package io.dedicate.broker.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service instances and their operations in JDBC: an H2 file database by default, PostgreSQL when several broker
 * replicas share one state.
 *
 * <p>Correctness never depends on this process's memory: every transition is a conditional {@code UPDATE} that
 * compares the current state and sets the next one (one operation per instance through {@code active_operation_id},
 * one end per operation through its {@code state}), so two replicas racing on the same row see exactly one winner. The
 * schema is migrated by Flyway from {@code classpath:db/migration} (by Spring Boot in the application, by {@link
 * #migrate(DataSource)} elsewhere); it needs no database mode: H2 URLs are plain, e.g. {@code
 * jdbc:h2:file:./data/state;DB_CLOSE_ON_EXIT=FALSE}.
 *
 * <p>Times are stored as {@code TIMESTAMP(6) WITH TIME ZONE}; instants are truncated to microseconds on the way in,
 * so what is read back equals what was written.
 */
public final class StateStore {

    private static final String BINDING_COLUMNS =
            "id, instance_id, username, status, request_digest, secret_credentials, created_at";
    private static final String INSTANCE_COLUMNS = "id, service_id, plan_id, kind, cluster_id, org_guid, space_guid,"
            + " org_name, space_name, instance_name, parameters, secret_parameters, maintenance_version, status,"
            + " request_digest, git_path, outputs, secret_outputs, active_operation_id, created_at, updated_at";

    private static final String OPERATION_COLUMNS = "id, instance_id, kind, state, description, token_hash,"
            + " target_plan_id, target_parameters, target_secret_parameters, target_maintenance_version,"
            + " request_digest, requester, commit_state, commit_id, rendered_files, started_at, deadline_at,"
            + " finished_at";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_CLAIM_ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** A store over {@code dataSource}, whose schema is already migrated; {@code clock} stamps the changes. */
    public StateStore(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Brings the schema of {@code dataSource} up to date (what Spring Boot's Flyway auto-configuration does). */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * Inserts a new instance and its first operation, in one transaction. The instance is stored with status {@link
     * InstanceStatus#CREATING}, {@code activeOperationId = operation.id()} and {@code updatedAt} = now, whatever the
     * record says.
     *
     * @throws InstanceExistsException if the id is taken, also when another replica takes it at the same moment (the
     *     primary key decides)
     * @throws IllegalArgumentException if the operation is not an in-progress {@link OperationKind#DEPLOY} of this
     *     instance
     */
    public void createInstance(InstanceRecord instance, OperationRecord operation) {
        requireSameInstance(instance.id(), operation);
        requireInProgress(operation);
        if (operation.kind() != OperationKind.DEPLOY) {
            throw new IllegalArgumentException("operation " + operation.id() + " is a "
                    + operation.kind().wire() + ": an instance is created by a deploy");
        }
        Instant now = now();
        try {
            transactions.executeWithoutResult(status -> {
                insertInstance(instance, InstanceStatus.CREATING, operation.id(), now);
                insertOperation(operation);
            });
        } catch (DuplicateKeyException e) {
            if (findInstance(instance.id()).isPresent()) {
                throw new InstanceExistsException(instance.id());
            }
            throw e;
        }
    }

    /** The instance with this id, deleted ones included. */
    public Optional<InstanceRecord> findInstance(String id) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE id = :id")
                .param("id", id)
                .query(StateStore::instance)
                .optional();
    }

    /** The operation with this id. */
    public Optional<OperationRecord> findOperation(String id) {
        return jdbc.sql("SELECT " + OPERATION_COLUMNS + " FROM operation WHERE id = :id")
                .param("id", id)
                .query(StateStore::operation)
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
     *     the cluster row's lock (so no child created concurrently by {@link #createChild} slips through)
     * @throws IllegalStateException if the instance's status does not allow the operation (a delete of an instance
     *     that is neither ready nor failed)
     * @throws IllegalArgumentException for a {@link OperationKind#DEPLOY}, which only {@link #createInstance} starts,
     *     or an operation that is not in progress
     */
    public void startOperation(OperationRecord operation) {
        requireInProgress(operation);
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
            Instant now = now();
            boolean started = Boolean.TRUE.equals(transactions.execute(status -> {
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
                    List<String> children = liveChildren(instanceId);
                    if (!children.isEmpty()) {
                        throw new ChildrenExistException(instanceId, children);
                    }
                }
                insertOperation(operation);
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
        Optional<InstanceRecord> current = findInstance(instanceId);
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
        @Nullable ObjectNode newOutputs = outputsJson == null ? null : jsonObject(outputsJson, "outputs");
        Instant now = now();
        Boolean finished = transactions.execute(status -> {
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
                            "SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE id = :id FOR UPDATE")
                    .param("id", operation.instanceId())
                    .query(StateStore::instance)
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
                ? JSON.createObjectNode()
                : jsonObject(stored, "stored outputs of instance " + instance.id());
        outputs.setAll(newOutputs);
        return outputs.toString();
    }

    private static ObjectNode jsonObject(String json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException(what + " must be a JSON object, not " + node.getNodeType());
    }

    /** Operations still in progress whose commit is pending (to commit again after a crash), oldest first. */
    public List<OperationRecord> pendingCommits() {
        return jdbc.sql("SELECT " + OPERATION_COLUMNS + " FROM operation WHERE commit_state = :pending"
                        + " AND state = :inProgress ORDER BY started_at, id")
                .param("pending", CommitState.PENDING.wire())
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .query(StateStore::operation)
                .list();
    }

    /** In-progress operations whose deadline is before {@code now} (for the time-out sweep), earliest deadline first. */
    public List<OperationRecord> overdueOperations(Instant now) {
        return jdbc.sql("SELECT " + OPERATION_COLUMNS + " FROM operation WHERE state = :inProgress"
                        + " AND deadline_at < :now ORDER BY deadline_at, id")
                .param("inProgress", OperationState.IN_PROGRESS.wire())
                .param("now", timestamp(now))
                .query(StateStore::operation)
                .list();
    }

    /**
     * The cluster instances that have a folder in git (every status but {@code deleted}), sorted by folder: what the
     * meta pipeline lists. One query over two columns.
     */
    public List<InstanceFolder> instanceFolders() {
        return jdbc.sql("SELECT id, git_path FROM service_instance WHERE kind = :cluster AND status <> :deleted"
                        + " ORDER BY git_path, id")
                .param("cluster", InstanceKind.CLUSTER.wire())
                .param("deleted", InstanceStatus.DELETED.wire())
                .query((rs, row) -> new InstanceFolder(rs.getString(1), rs.getString(2)))
                .list();
    }

    /**
     * The IDs of a cluster's children that are not deleted (children still being created
     * included), sorted: what keeps a cluster from being deleted.
     */
    public List<String> liveChildren(String clusterId) {
        return jdbc.sql("SELECT id FROM service_instance WHERE cluster_id = :clusterId AND status <> :deleted"
                        + " ORDER BY id")
                .param("clusterId", clusterId)
                .param("deleted", InstanceStatus.DELETED.wire())
                .query((rs, row) -> rs.getString(1))
                .list();
    }

    /** How many children of a cluster are not deleted (those being created included). */
    private int countLiveChildren(String clusterId) {
        return jdbc.sql("SELECT COUNT(*) FROM service_instance WHERE cluster_id = :clusterId AND status <> :deleted")
                .param("clusterId", clusterId)
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(Integer.class)
                .single();
    }

    // ------------------------------------------------------------------ children

    /**
     * The cluster named {@code instanceName} in the space {@code spaceGuid} that is not deleted, whatever its status
     * (ready, still being created, failed, being deleted) and its offering; the newest if names repeat.
     */
    public Optional<InstanceRecord> findClusterByName(String spaceGuid, String instanceName) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE space_guid = :spaceGuid"
                        + " AND instance_name = :instanceName AND kind = :cluster AND status <> :deleted"
                        + " ORDER BY created_at DESC, id LIMIT 1")
                .param("spaceGuid", spaceGuid)
                .param("instanceName", instanceName)
                .param("cluster", InstanceKind.CLUSTER.wire())
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(StateStore::instance)
                .optional();
    }

    /**
     * Inserts a child instance, status {@link InstanceStatus#CREATING}, in one transaction that first locks its
     * cluster's row ({@code SELECT ... FOR UPDATE}) and checks that the cluster is ready. A cluster delete claims the
     * same row ({@link #startOperation}), so either the delete sees this child and is refused, or this child sees the
     * cluster deleting and is refused: never a child in a cluster whose deletion was accepted, also across replicas.
     *
     * @throws InstanceExistsException if the child's id is taken
     * @throws InstanceGoneException if the cluster is absent or deleted
     * @throws ClusterUnavailableException if the cluster is not ready
     * @throws IllegalArgumentException if the record is not a child with a cluster id
     */
    public void createChild(InstanceRecord child) {
        String clusterId = child.clusterId();
        if (child.kind() != InstanceKind.CHILD || clusterId == null) {
            throw new IllegalArgumentException("instance " + child.id() + " is not a child with a cluster id");
        }
        Instant now = now();
        try {
            transactions.executeWithoutResult(status -> {
                InstanceRecord cluster = jdbc.sql("SELECT " + INSTANCE_COLUMNS
                                + " FROM service_instance WHERE id = :id AND kind = :cluster FOR UPDATE")
                        .param("id", clusterId)
                        .param("cluster", InstanceKind.CLUSTER.wire())
                        .query(StateStore::instance)
                        .optional()
                        .filter(found -> found.status() != InstanceStatus.DELETED)
                        .orElseThrow(() -> new InstanceGoneException(clusterId));
                if (cluster.status() != InstanceStatus.READY) {
                    throw new ClusterUnavailableException(clusterId, cluster.status());
                }
                insertInstance(child, InstanceStatus.CREATING, null, now);
            });
        } catch (DuplicateKeyException e) {
            if (findInstance(child.id()).isPresent()) {
                throw new InstanceExistsException(child.id());
            }
            throw e;
        }
    }

    /** Marks a child that is being created ready; false (changing nothing) if it is not a child being created. */
    public boolean markChildReady(String childId) {
        return jdbc.sql("UPDATE service_instance SET status = :ready, updated_at = :now WHERE id = :id"
                                + " AND kind = :child AND status = :creating")
                        .param("ready", InstanceStatus.READY.wire())
                        .param("now", timestamp(now()))
                        .param("id", childId)
                        .param("child", InstanceKind.CHILD.wire())
                        .param("creating", InstanceStatus.CREATING.wire())
                        .update()
                == 1;
    }

    /**
     * Removes a child whose creation failed before it existed anywhere but here (its driver refused), so that the
     * platform may try again with the same id; false if it is not a child being created.
     */
    public boolean discardChild(String childId) {
        return jdbc.sql("DELETE FROM service_instance WHERE id = :id AND kind = :child AND status = :creating")
                        .param("id", childId)
                        .param("child", InstanceKind.CHILD.wire())
                        .param("creating", InstanceStatus.CREATING.wire())
                        .update()
                == 1;
    }

    /**
     * Marks a child deleted, and its bindings with it, in one transaction; false (changing nothing) if it is not a
     * live child.
     */
    public boolean markChildDeleted(String childId) {
        Instant now = now();
        return Boolean.TRUE.equals(transactions.execute(status -> {
            int updated = jdbc.sql("UPDATE service_instance SET status = :deleted, updated_at = :now WHERE id = :id"
                            + " AND kind = :child AND status <> :deleted")
                    .param("deleted", InstanceStatus.DELETED.wire())
                    .param("now", timestamp(now))
                    .param("id", childId)
                    .param("child", InstanceKind.CHILD.wire())
                    .update();
            if (updated == 0) {
                return false;
            }
            jdbc.sql("UPDATE service_binding SET status = :deleted, secret_credentials = NULL"
                            + " WHERE instance_id = :id AND status <> :deleted")
                    .param("deleted", BindingStatus.DELETED.wire())
                    .param("id", childId)
                    .update();
            return true;
        }));
    }

    // ------------------------------------------------------------------ bindings

    /** The binding with this id, deleted ones included. */
    public Optional<BindingRecord> findBinding(String id) {
        return jdbc.sql("SELECT " + BINDING_COLUMNS + " FROM service_binding WHERE id = :id")
                .param("id", id)
                .query(StateStore::binding)
                .optional();
    }

    /**
     * Claims a binding id before its user is created: inserts it {@link BindingStatus#CREATING}, or takes back a
     * deleted binding of the same id. The primary key decides between two requests racing, also across replicas.
     *
     * @return false (changing nothing) if a binding with this id exists and is not deleted
     */
    public boolean claimBinding(String id, String instanceId, String username, String requestDigest) {
        Instant now = now();
        try {
            jdbc.sql("INSERT INTO service_binding (id, instance_id, username, status, request_digest,"
                            + " secret_credentials, created_at) VALUES (:id, :instanceId, :username, :creating,"
                            + " :digest, NULL, :now)")
                    .param("id", id)
                    .param("instanceId", instanceId)
                    .param("username", username)
                    .param("creating", BindingStatus.CREATING.wire())
                    .param("digest", requestDigest)
                    .param("now", timestamp(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return jdbc.sql("UPDATE service_binding SET instance_id = :instanceId, username = :username,"
                                    + " status = :creating, request_digest = :digest, secret_credentials = NULL,"
                                    + " created_at = :now WHERE id = :id AND status = :deleted")
                            .param("instanceId", instanceId)
                            .param("username", username)
                            .param("creating", BindingStatus.CREATING.wire())
                            .param("digest", requestDigest)
                            .param("now", timestamp(now))
                            .param("id", id)
                            .param("deleted", BindingStatus.DELETED.wire())
                            .update()
                    == 1;
        }
    }

    /** Stores a claimed binding's sealed credentials and makes it ready; false if it was not being created. */
    public boolean completeBinding(String id, String sealedCredentials) {
        return jdbc.sql("UPDATE service_binding SET status = :ready, secret_credentials = :credentials"
                                + " WHERE id = :id AND status = :creating")
                        .param("ready", BindingStatus.READY.wire())
                        .param("credentials", sealedCredentials)
                        .param("id", id)
                        .param("creating", BindingStatus.CREATING.wire())
                        .update()
                == 1;
    }

    /** Gives up a claimed binding whose user could not be created (it becomes deleted); false if not being created. */
    public boolean abandonBinding(String id) {
        return markBinding(id, BindingStatus.CREATING);
    }

    /** Marks a ready binding deleted and forgets its credentials; false (changing nothing) if it was not ready. */
    public boolean markBindingDeleted(String id) {
        return markBinding(id, BindingStatus.READY);
    }

    private boolean markBinding(String id, BindingStatus from) {
        return jdbc.sql("UPDATE service_binding SET status = :deleted, secret_credentials = NULL"
                                + " WHERE id = :id AND status = :from")
                        .param("deleted", BindingStatus.DELETED.wire())
                        .param("id", id)
                        .param("from", from.wire())
                        .update()
                == 1;
    }

    /** How many bindings of a child are not deleted (for dashboards). */
    public long liveBindings(String instanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM service_binding WHERE instance_id = :id AND status <> :deleted")
                .param("id", instanceId)
                .param("deleted", BindingStatus.DELETED.wire())
                .query(Long.class)
                .single();
    }

    /**
     * Updates the names the platform sends in a later request's context; a {@code null} name keeps the stored one
     * (platforms send names only sometimes).
     *
     * @throws InstanceGoneException if there is no such instance
     */
    public void updateNames(
            String instanceId, @Nullable String orgName, @Nullable String spaceName, @Nullable String instanceName) {
        int updated = jdbc.sql("UPDATE service_instance SET org_name = COALESCE(:orgName, org_name),"
                        + " space_name = COALESCE(:spaceName, space_name),"
                        + " instance_name = COALESCE(:instanceName, instance_name), updated_at = :now WHERE id = :id")
                .param("orgName", text(orgName))
                .param("spaceName", text(spaceName))
                .param("instanceName", text(instanceName))
                .param("now", timestamp(now()))
                .param("id", instanceId)
                .update();
        if (updated == 0) {
            throw new InstanceGoneException(instanceId);
        }
    }

    /** The last {@code limit} operations of an instance, newest first (for dashboards). */
    public List<OperationRecord> operations(String instanceId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return jdbc.sql("SELECT " + OPERATION_COLUMNS + " FROM operation WHERE instance_id = :instanceId"
                        + " ORDER BY started_at DESC, id DESC LIMIT :limit")
                .param("instanceId", instanceId)
                .param("limit", limit)
                .query(StateStore::operation)
                .list();
    }

    /** How many instances exist, deleted ones not counted. */
    public long countInstances() {
        return jdbc.sql("SELECT COUNT(*) FROM service_instance WHERE status <> :deleted")
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(Long.class)
                .single();
    }

    private void insertInstance(
            InstanceRecord instance, InstanceStatus status, @Nullable String activeOperationId, Instant now) {
        jdbc.sql("INSERT INTO service_instance (" + INSTANCE_COLUMNS + ") VALUES (:id, :serviceId, :planId,"
                        + " :kind, :clusterId, :orgGuid, :spaceGuid, :orgName, :spaceName, :instanceName,"
                        + " :parameters, :secretParameters, :maintenanceVersion, :status, :requestDigest,"
                        + " :gitPath, :outputs, :secretOutputs, :activeOperationId, :createdAt, :updatedAt)")
                .param("id", instance.id())
                .param("serviceId", instance.serviceId())
                .param("planId", instance.planId())
                .param("kind", instance.kind().wire())
                .param("clusterId", text(instance.clusterId()))
                .param("orgGuid", instance.orgGuid())
                .param("spaceGuid", instance.spaceGuid())
                .param("orgName", text(instance.orgName()))
                .param("spaceName", text(instance.spaceName()))
                .param("instanceName", text(instance.instanceName()))
                .param("parameters", instance.parametersJson())
                .param("secretParameters", text(instance.sealedSecretParameters()))
                .param("maintenanceVersion", text(instance.maintenanceVersion()))
                .param("status", status.wire())
                .param("requestDigest", instance.requestDigest())
                .param("gitPath", instance.gitPath())
                .param("outputs", text(instance.outputsJson()))
                .param("secretOutputs", text(instance.sealedSecretOutputs()))
                .param("activeOperationId", text(activeOperationId))
                .param("createdAt", timestamp(instance.createdAt()))
                .param("updatedAt", timestamp(now))
                .update();
    }

    private void insertOperation(OperationRecord operation) {
        jdbc.sql("INSERT INTO operation (" + OPERATION_COLUMNS + ") VALUES (:id, :instanceId, :kind, :state,"
                        + " :description, :tokenHash, :targetPlanId, :targetParameters, :targetSecretParameters,"
                        + " :targetMaintenanceVersion, :requestDigest, :requester, :commitState, :commitId,"
                        + " :renderedFiles, :startedAt, :deadlineAt, :finishedAt)")
                .param("id", operation.id())
                .param("instanceId", operation.instanceId())
                .param("kind", operation.kind().wire())
                .param("state", operation.state().wire())
                .param("description", text(operation.description()))
                .param("tokenHash", operation.tokenHash())
                .param("targetPlanId", operation.targetPlanId())
                .param("targetParameters", operation.targetParametersJson())
                .param("targetSecretParameters", text(operation.sealedTargetSecretParameters()))
                .param("targetMaintenanceVersion", text(operation.targetMaintenanceVersion()))
                .param("requestDigest", operation.requestDigest())
                .param("requester", text(operation.requester()))
                .param("commitState", operation.commitState().wire())
                .param("commitId", text(operation.commitId()))
                .param("renderedFiles", text(operation.renderedFilesJson()))
                .param("startedAt", timestamp(operation.startedAt()))
                .param("deadlineAt", timestamp(operation.deadlineAt()))
                .param("finishedAt", timestamp(operation.finishedAt()))
                .update();
    }

    private static void requireInProgress(OperationRecord operation) {
        if (operation.state() != OperationState.IN_PROGRESS) {
            throw new IllegalArgumentException("operation " + operation.id() + " must start 'in progress', not '"
                    + operation.state().wire() + "'");
        }
    }

    private static void requireSameInstance(String instanceId, OperationRecord operation) {
        if (!operation.instanceId().equals(instanceId)) {
            throw new IllegalArgumentException("operation " + operation.id() + " belongs to instance '"
                    + operation.instanceId() + "', not to the new instance '" + instanceId + "'");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static InstanceRecord instance(ResultSet rs, int row) throws SQLException {
        return new InstanceRecord(
                rs.getString("id"),
                rs.getString("service_id"),
                rs.getString("plan_id"),
                InstanceKind.fromWire(rs.getString("kind")),
                rs.getString("cluster_id"),
                rs.getString("org_guid"),
                rs.getString("space_guid"),
                rs.getString("org_name"),
                rs.getString("space_name"),
                rs.getString("instance_name"),
                rs.getString("parameters"),
                rs.getString("secret_parameters"),
                rs.getString("maintenance_version"),
                InstanceStatus.fromWire(rs.getString("status")),
                rs.getString("request_digest"),
                rs.getString("git_path"),
                rs.getString("outputs"),
                rs.getString("secret_outputs"),
                rs.getString("active_operation_id"),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"));
    }

    private static OperationRecord operation(ResultSet rs, int row) throws SQLException {
        return new OperationRecord(
                rs.getString("id"),
                rs.getString("instance_id"),
                OperationKind.fromWire(rs.getString("kind")),
                OperationState.fromWire(rs.getString("state")),
                rs.getString("description"),
                rs.getString("token_hash"),
                rs.getString("target_plan_id"),
                rs.getString("target_parameters"),
                rs.getString("target_secret_parameters"),
                rs.getString("target_maintenance_version"),
                rs.getString("request_digest"),
                rs.getString("requester"),
                CommitState.fromWire(rs.getString("commit_state")),
                rs.getString("commit_id"),
                rs.getString("rendered_files"),
                requiredInstant(rs, "started_at"),
                requiredInstant(rs, "deadline_at"),
                instant(rs, "finished_at"));
    }

    private static BindingRecord binding(ResultSet rs, int row) throws SQLException {
        return new BindingRecord(
                rs.getString("id"),
                rs.getString("instance_id"),
                rs.getString("username"),
                BindingStatus.fromWire(rs.getString("status")),
                rs.getString("request_digest"),
                rs.getString("secret_credentials"),
                requiredInstant(rs, "created_at"));
    }

    private static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        Instant instant = instant(rs, column);
        if (instant == null) {
            throw new IllegalStateException("column " + column + " is NULL despite its NOT NULL constraint");
        }
        return instant;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A text parameter typed even when null, so that drivers need not guess the type of a NULL. */
    private static SqlParameterValue text(@Nullable String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static SqlParameterValue timestamp(@Nullable Instant value) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE,
                value == null ? null : OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ child recovery and quotas

    /**
     * The children still being created whose row was last changed before {@code before}: what a broker that stopped
     * between storing a child and making it ready leaves behind (they keep their cluster from being deleted). Oldest
     * first.
     */
    public List<InstanceRecord> childrenCreatingBefore(Instant before) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE kind = :child"
                        + " AND status = :creating AND updated_at < :before ORDER BY updated_at, id")
                .param("child", InstanceKind.CHILD.wire())
                .param("creating", InstanceStatus.CREATING.wire())
                .param("before", timestamp(before))
                .query(StateStore::instance)
                .list();
    }

    /** The bindings still being created that were claimed before {@code before} (a stopped broker's), oldest first. */
    public List<BindingRecord> bindingsCreatingBefore(Instant before) {
        return jdbc.sql("SELECT " + BINDING_COLUMNS
                        + " FROM service_binding WHERE status = :creating AND created_at < :before"
                        + " ORDER BY created_at, id")
                .param("creating", BindingStatus.CREATING.wire())
                .param("before", timestamp(before))
                .query(StateStore::binding)
                .list();
    }

    /** The ready children, sorted by cluster then id: what the quota sweep measures. */
    public List<InstanceRecord> readyChildren() {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE kind = :child"
                        + " AND status = :ready ORDER BY cluster_id, id")
                .param("child", InstanceKind.CHILD.wire())
                .param("ready", InstanceStatus.READY.wire())
                .query(StateStore::instance)
                .list();
    }

    // ------------------------------------------------------------------ sharing and quotas

    /**
     * {@link #createInstance}, within the quota of {@code clustersPerOrg} live clusters (every status but deleted,
     * those being created included) of the instance's service in its org. The org's row of {@code org_quota_lock} is
     * inserted if missing (in a transaction of its own: the primary key lets one of two racing inserts win and the
     * other is fine with it), then locked ({@code SELECT ... FOR UPDATE}) in the transaction that counts the clusters
     * and inserts the new one, so two provisions racing for the last place, also on two brokers, see one winner.
     *
     * @throws QuotaExceededException if the org already has {@code clustersPerOrg} live clusters of the service
     * @throws InstanceExistsException if the id is taken
     * @throws IllegalArgumentException as {@link #createInstance}, or for a record that is not a cluster
     */
    public void createInstanceWithinQuota(InstanceRecord instance, OperationRecord operation, int clustersPerOrg) {
        requireSameInstance(instance.id(), operation);
        requireInProgress(operation);
        if (operation.kind() != OperationKind.DEPLOY || instance.kind() != InstanceKind.CLUSTER) {
            throw new IllegalArgumentException(
                    "operation " + operation.id() + " is a " + operation.kind().wire() + " of a "
                            + instance.kind().wire() + ": a quota counts clusters created by a deploy");
        }
        try {
            jdbc.sql("INSERT INTO org_quota_lock (org_guid, service_id) VALUES (:org, :service)")
                    .param("org", instance.orgGuid())
                    .param("service", instance.serviceId())
                    .update();
        } catch (DuplicateKeyException alreadyThere) {
            // another provision of this org inserted it first: the lock row exists, which is all we need
        }
        Instant now = now();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("SELECT org_guid FROM org_quota_lock WHERE org_guid = :org AND service_id = :service"
                                + " FOR UPDATE")
                        .param("org", instance.orgGuid())
                        .param("service", instance.serviceId())
                        .query(String.class)
                        .single();
                long live = jdbc.sql("SELECT COUNT(*) FROM service_instance WHERE org_guid = :org"
                                + " AND service_id = :service AND kind = :cluster AND status <> :deleted")
                        .param("org", instance.orgGuid())
                        .param("service", instance.serviceId())
                        .param("cluster", InstanceKind.CLUSTER.wire())
                        .param("deleted", InstanceStatus.DELETED.wire())
                        .query(Long.class)
                        .single();
                if (live >= clustersPerOrg) {
                    throw new QuotaExceededException(
                            "clusters of service " + instance.serviceId() + " in org " + instance.orgGuid(),
                            live,
                            clustersPerOrg);
                }
                insertInstance(instance, InstanceStatus.CREATING, operation.id(), now);
                insertOperation(operation);
            });
        } catch (DuplicateKeyException e) {
            if (findInstance(instance.id()).isPresent()) {
                throw new InstanceExistsException(instance.id());
            }
            throw e;
        }
    }

    /**
     * {@link #createChild(InstanceRecord)} with a last check: {@code admission} runs in the same transaction, after
     * the cluster's row is locked and found ready, with the cluster as stored then and its number of live children;
     * it throws to refuse (sharing grants re-checked, the {@code children_per_cluster} quota). A grant change ({@link
     * #changeParametersAtOnce}) and every other child create take the same lock.
     *
     * @throws InstanceExistsException if the child's id is taken
     * @throws InstanceGoneException if the cluster is absent or deleted
     * @throws ClusterUnavailableException if the cluster is not ready
     * @throws IllegalArgumentException if the record is not a child with a cluster id
     */
    public void createChild(InstanceRecord child, ChildAdmission admission) {
        String clusterId = child.clusterId();
        if (child.kind() != InstanceKind.CHILD || clusterId == null) {
            throw new IllegalArgumentException("instance " + child.id() + " is not a child with a cluster id");
        }
        Instant now = now();
        try {
            transactions.executeWithoutResult(status -> {
                InstanceRecord cluster = lockCluster(clusterId);
                if (cluster.status() != InstanceStatus.READY) {
                    throw new ClusterUnavailableException(clusterId, cluster.status());
                }
                admission.admit(cluster, countLiveChildren(clusterId));
                insertInstance(child, InstanceStatus.CREATING, null, now);
            });
        } catch (DuplicateKeyException e) {
            if (findInstance(child.id()).isPresent()) {
                throw new InstanceExistsException(child.id());
            }
            throw e;
        }
    }

    /**
     * Replaces a ready cluster's public parameters at once, without an operation (the sharing grants, which need no
     * deployment): in one transaction, locks the cluster's row, requires it ready with no operation in progress (an
     * operation's end would overwrite the parameters with its own targets), lets {@code change} compute the new JSON
     * from the cluster and its live children (or refuse by throwing), and stores it.
     *
     * @throws InstanceGoneException if the cluster is absent or deleted
     * @throws OperationInProgressException if an operation is in progress on it
     * @throws ClusterUnavailableException if it is not ready
     * @throws IllegalArgumentException if {@code change} returns something that is not a JSON object
     */
    public void changeParametersAtOnce(String clusterId, ParameterChange change) {
        Instant now = now();
        transactions.executeWithoutResult(status -> {
            InstanceRecord cluster = lockCluster(clusterId);
            String active = cluster.activeOperationId();
            if (active != null) {
                throw new OperationInProgressException(clusterId, active);
            }
            if (cluster.status() != InstanceStatus.READY) {
                throw new ClusterUnavailableException(clusterId, cluster.status());
            }
            String parameters = change.apply(cluster, liveChildRecords(clusterId));
            jsonObject(parameters, "parameters");
            jdbc.sql("UPDATE service_instance SET parameters = :parameters, updated_at = :now WHERE id = :id")
                    .param("parameters", parameters)
                    .param("now", timestamp(now))
                    .param("id", clusterId)
                    .update();
        });
    }

    /**
     * The cluster named {@code nameOrId} (its instance name, or its id) that is not deleted, in the space {@code
     * spaceRef} of the org {@code orgRef}, each given by GUID or by the name last stored for it; the newest if names
     * repeat. Used to find a cluster of another space, which the requester names in the child's parameters.
     */
    public Optional<InstanceRecord> findCluster(String orgRef, String spaceRef, String nameOrId) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE kind = :cluster"
                        + " AND status <> :deleted AND (org_guid = :org OR org_name = :org)"
                        + " AND (space_guid = :space OR space_name = :space)"
                        + " AND (instance_name = :name OR id = :name) ORDER BY created_at DESC, id LIMIT 1")
                .param("cluster", InstanceKind.CLUSTER.wire())
                .param("deleted", InstanceStatus.DELETED.wire())
                .param("org", orgRef)
                .param("space", spaceRef)
                .param("name", nameOrId)
                .query(StateStore::instance)
                .optional();
    }

    /**
     * A cluster's children that are not deleted (those being created included), sorted by id: what a revoke checks and
     * what the cluster's dashboard lists.
     */
    public List<InstanceRecord> liveChildRecords(String clusterId) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE cluster_id = :clusterId"
                        + " AND status <> :deleted ORDER BY id")
                .param("clusterId", clusterId)
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(StateStore::instance)
                .list();
    }

    /** Locks a cluster's row ({@code SELECT ... FOR UPDATE}); it must exist and not be deleted. */
    private InstanceRecord lockCluster(String clusterId) {
        return jdbc.sql("SELECT " + INSTANCE_COLUMNS + " FROM service_instance WHERE id = :id AND kind = :cluster"
                        + " FOR UPDATE")
                .param("id", clusterId)
                .param("cluster", InstanceKind.CLUSTER.wire())
                .query(StateStore::instance)
                .optional()
                .filter(found -> found.status() != InstanceStatus.DELETED)
                .orElseThrow(() -> new InstanceGoneException(clusterId));
    }

    // ------------------------------------------------------------------ update cascade and dashboard

    /**
     * Records the live children of the operation's instance (not deleted; still being created included) as affected by
     * it. Called inside {@link #startOperation}'s transaction, after the claim of the cluster row: {@link #createChild}
     * locks that row too, so the snapshot holds exactly the children that exist when the operation starts.
     */
    private void recordAffectedChildren(OperationRecord operation) {
        jdbc.sql("INSERT INTO operation_child (operation_id, child_id) SELECT CAST(:operationId AS VARCHAR(64)), id"
                        + " FROM service_instance WHERE cluster_id = :clusterId AND status <> :deleted")
                .param("operationId", operation.id())
                .param("clusterId", operation.instanceId())
                .param("deleted", InstanceStatus.DELETED.wire())
                .update();
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
        return jdbc.sql("SELECT " + prefixed("o.", OPERATION_COLUMNS) + " FROM operation_child oc"
                        + " JOIN operation o ON o.id = oc.operation_id WHERE oc.child_id = :childId"
                        + " ORDER BY o.started_at DESC, o.id DESC LIMIT 1")
                .param("childId", childId)
                .query(StateStore::operation)
                .optional();
    }

    /**
     * How many bindings that are not deleted each child of a cluster has (children without one are absent): one query
     * for a dashboard, instead of {@link #liveBindings} per child.
     */
    public Map<String, Long> liveBindingsOfCluster(String clusterId) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("SELECT b.instance_id, COUNT(*) FROM service_binding b JOIN service_instance c ON c.id = b.instance_id"
                        + " WHERE c.cluster_id = :clusterId AND b.status <> :deleted GROUP BY b.instance_id")
                .param("clusterId", clusterId)
                .param("deleted", BindingStatus.DELETED.wire())
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .forEach(pair -> counts.put(pair.getKey(), pair.getValue()));
        return Collections.unmodifiableMap(counts);
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }
}
