package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.text;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Service instances as rows of {@code service_instance}: clusters created with their deploy (within the org's quota
 * when the offering has one), instances found by id, by name in a space or across spaces, their platform names, the
 * parameters of a cluster changed at once, and what the meta pipeline lists.
 *
 * <p>Two writes here span another topic, each in one transaction, and live here because they are about the instance's
 * row: {@link #createInstance} inserts the instance's first operation with it (an instance never exists without the
 * deploy that creates it), and {@link #changeParametersAtOnce} reads the cluster's live children under the cluster
 * row's lock (the lock that {@link ChildStore#createChild} takes too, so no child slips in between).
 */
public final class InstanceStore {

    private final StateDatabase database;
    private final JdbcClient jdbc;

    public InstanceStore(StateDatabase database) {
        this.database = database;
        this.jdbc = database.jdbc();
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
        OperationRows.requireInProgress(operation);
        if (operation.kind() != OperationKind.DEPLOY) {
            throw new IllegalArgumentException("operation " + operation.id() + " is a "
                    + operation.kind().wire() + ": an instance is created by a deploy");
        }
        Instant now = database.now();
        try {
            database.transactions().executeWithoutResult(status -> {
                InstanceRows.insert(jdbc, instance, InstanceStatus.CREATING, operation.id(), now);
                OperationRows.insert(jdbc, operation);
            });
        } catch (DuplicateKeyException e) {
            throw InstanceRows.duplicate(jdbc, instance.id(), e);
        }
    }

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
        OperationRows.requireInProgress(operation);
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
        Instant now = database.now();
        try {
            database.transactions().executeWithoutResult(status -> {
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
                InstanceRows.insert(jdbc, instance, InstanceStatus.CREATING, operation.id(), now);
                OperationRows.insert(jdbc, operation);
            });
        } catch (DuplicateKeyException e) {
            throw InstanceRows.duplicate(jdbc, instance.id(), e);
        }
    }

    /** The instance with this id, deleted ones included. */
    public Optional<InstanceRecord> findInstance(String id) {
        return InstanceRows.find(jdbc, id);
    }

    /**
     * The cluster named {@code instanceName} in the space {@code spaceGuid} that is not deleted, whatever its status
     * (ready, still being created, failed, being deleted) and its offering; the newest if names repeat.
     */
    public Optional<InstanceRecord> findClusterByName(String spaceGuid, String instanceName) {
        return jdbc.sql("SELECT " + InstanceRows.COLUMNS + " FROM service_instance WHERE space_guid = :spaceGuid"
                        + " AND instance_name = :instanceName AND kind = :cluster AND status <> :deleted"
                        + " ORDER BY created_at DESC, id LIMIT 1")
                .param("spaceGuid", spaceGuid)
                .param("instanceName", instanceName)
                .param("cluster", InstanceKind.CLUSTER.wire())
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(InstanceRows::map)
                .optional();
    }

    /**
     * The cluster named {@code nameOrId} (its instance name, or its id) that is not deleted, in the space {@code
     * spaceRef} of the org {@code orgRef}, each given by GUID or by the name last stored for it; the newest if names
     * repeat. Used to find a cluster of another space, which the requester names in the child's parameters.
     */
    public Optional<InstanceRecord> findCluster(String orgRef, String spaceRef, String nameOrId) {
        return jdbc.sql("SELECT " + InstanceRows.COLUMNS + " FROM service_instance WHERE kind = :cluster"
                        + " AND status <> :deleted AND (org_guid = :org OR org_name = :org)"
                        + " AND (space_guid = :space OR space_name = :space)"
                        + " AND (instance_name = :name OR id = :name) ORDER BY created_at DESC, id LIMIT 1")
                .param("cluster", InstanceKind.CLUSTER.wire())
                .param("deleted", InstanceStatus.DELETED.wire())
                .param("org", orgRef)
                .param("space", spaceRef)
                .param("name", nameOrId)
                .query(InstanceRows::map)
                .optional();
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
                .param("now", timestamp(database.now()))
                .param("id", instanceId)
                .update();
        if (updated == 0) {
            throw new InstanceGoneException(instanceId);
        }
    }

    /**
     * Replaces a ready cluster's public parameters at once, without an operation (the sharing grants, which need no
     * deployment): in one transaction, locks the cluster's row, requires it ready with no operation in progress (an
     * operation's end would overwrite the parameters with its own targets), lets {@code change} compute the new JSON
     * from the cluster and its live children (or refuse by throwing), and stores it. Every child create takes the same
     * lock ({@link ChildStore#createChild(InstanceRecord, ChildAdmission)}).
     *
     * @throws InstanceGoneException if the cluster is absent or deleted
     * @throws OperationInProgressException if an operation is in progress on it
     * @throws ClusterUnavailableException if it is not ready
     * @throws IllegalArgumentException if {@code change} returns something that is not a JSON object
     */
    public void changeParametersAtOnce(String clusterId, ParameterChange change) {
        Instant now = database.now();
        database.transactions().executeWithoutResult(status -> {
            InstanceRecord cluster = InstanceRows.lockCluster(jdbc, clusterId);
            String active = cluster.activeOperationId();
            if (active != null) {
                throw new OperationInProgressException(clusterId, active);
            }
            if (cluster.status() != InstanceStatus.READY) {
                throw new ClusterUnavailableException(clusterId, cluster.status());
            }
            String parameters = change.apply(cluster, InstanceRows.liveChildRecords(jdbc, clusterId));
            InstanceRows.jsonObject(parameters, "parameters");
            jdbc.sql("UPDATE service_instance SET parameters = :parameters, updated_at = :now WHERE id = :id")
                    .param("parameters", parameters)
                    .param("now", timestamp(now))
                    .param("id", clusterId)
                    .update();
        });
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
     * The GUID of every org that has ever had a cluster instance, deleted ones included, sorted: the orgs whose meta
     * pipeline shard the broker keeps (an org's shard outlives its last cluster, so that a successful build of the
     * shard can archive that cluster's pipeline). One query over an indexed column.
     */
    public List<String> clusterOrgs() {
        return jdbc.sql("SELECT DISTINCT org_guid FROM service_instance WHERE kind = :cluster ORDER BY org_guid")
                .param("cluster", InstanceKind.CLUSTER.wire())
                .query((rs, row) -> rs.getString(1))
                .list();
    }

    /** How many instances exist, deleted ones not counted. */
    public long countInstances() {
        return jdbc.sql("SELECT COUNT(*) FROM service_instance WHERE status <> :deleted")
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(Long.class)
                .single();
    }

    private static void requireSameInstance(String instanceId, OperationRecord operation) {
        if (!operation.instanceId().equals(instanceId)) {
            throw new IllegalArgumentException("operation " + operation.id() + " belongs to instance '"
                    + operation.instanceId() + "', not to the new instance '" + instanceId + "'");
        }
    }
}
