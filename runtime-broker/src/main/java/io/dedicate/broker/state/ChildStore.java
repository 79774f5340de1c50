package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.timestamp;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Children (databases living in a cluster) as rows of {@code service_instance}: created under their cluster's lock,
 * made ready, discarded or deleted, and the lists that keep a cluster from being deleted, show it on its dashboard, and
 * feed the recovery and quota passes.
 *
 * <p>Two writes here span another topic, each in one transaction, and live here because the child's row is what they
 * create or end: {@link #createChild} locks the cluster's row ({@code SELECT ... FOR UPDATE}) before it inserts the
 * child, the lock that a cluster delete's claim ({@link OperationStore#startOperation}) and a grants change ({@link
 * InstanceStore#changeParametersAtOnce}) take too; {@link #markChildDeleted} ends the child's bindings with it.
 */
public final class ChildStore {

    private final StateDatabase database;
    private final JdbcClient jdbc;

    public ChildStore(StateDatabase database) {
        this.database = database;
        this.jdbc = database.jdbc();
    }

    /**
     * Inserts a child instance, status {@link InstanceStatus#CREATING}, in one transaction that first locks its
     * cluster's row ({@code SELECT ... FOR UPDATE}) and checks that the cluster is ready. A cluster delete claims the
     * same row ({@link OperationStore#startOperation}), so either the delete sees this child and is refused, or this
     * child sees the cluster deleting and is refused: never a child in a cluster whose deletion was accepted, also
     * across replicas.
     *
     * @throws InstanceExistsException if the child's id is taken
     * @throws InstanceGoneException if the cluster is absent or deleted
     * @throws ClusterUnavailableException if the cluster is not ready
     * @throws IllegalArgumentException if the record is not a child with a cluster id
     */
    public void createChild(InstanceRecord child) {
        admitAndInsert(child, null);
    }

    /**
     * {@link #createChild(InstanceRecord)} with a last check: {@code admission} runs in the same transaction, after
     * the cluster's row is locked and found ready, with the cluster as stored then and its number of live children;
     * it throws to refuse (sharing grants re-checked, the {@code children_per_cluster} quota). A grant change ({@link
     * InstanceStore#changeParametersAtOnce}) and every other child create take the same lock.
     *
     * @throws InstanceExistsException if the child's id is taken
     * @throws InstanceGoneException if the cluster is absent or deleted
     * @throws ClusterUnavailableException if the cluster is not ready
     * @throws IllegalArgumentException if the record is not a child with a cluster id
     */
    public void createChild(InstanceRecord child, ChildAdmission admission) {
        admitAndInsert(child, admission);
    }

    private void admitAndInsert(InstanceRecord child, @Nullable ChildAdmission admission) {
        String clusterId = child.clusterId();
        if (child.kind() != InstanceKind.CHILD || clusterId == null) {
            throw new IllegalArgumentException("instance " + child.id() + " is not a child with a cluster id");
        }
        Instant now = database.now();
        try {
            database.transactions().executeWithoutResult(status -> {
                InstanceRecord cluster = InstanceRows.lockCluster(jdbc, clusterId);
                if (cluster.status() != InstanceStatus.READY) {
                    throw new ClusterUnavailableException(clusterId, cluster.status());
                }
                if (admission != null) {
                    admission.admit(cluster, InstanceRows.countLiveChildren(jdbc, clusterId));
                }
                InstanceRows.insert(jdbc, child, InstanceStatus.CREATING, null, now);
            });
        } catch (DuplicateKeyException e) {
            throw InstanceRows.duplicate(jdbc, child.id(), e);
        }
    }

    /** Marks a child that is being created ready; false (changing nothing) if it is not a child being created. */
    public boolean markChildReady(String childId) {
        return jdbc.sql("UPDATE service_instance SET status = :ready, updated_at = :now WHERE id = :id"
                                + " AND kind = :child AND status = :creating")
                        .param("ready", InstanceStatus.READY.wire())
                        .param("now", timestamp(database.now()))
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
        Instant now = database.now();
        return Boolean.TRUE.equals(database.transactions().execute(status -> {
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

    /**
     * The IDs of a cluster's children that are not deleted (children still being created included), sorted: what
     * keeps a cluster from being deleted.
     */
    public List<String> liveChildren(String clusterId) {
        return InstanceRows.liveChildIds(jdbc, clusterId);
    }

    /**
     * A cluster's children that are not deleted (those being created included), sorted by id: what a revoke checks and
     * what the cluster's dashboard lists.
     */
    public List<InstanceRecord> liveChildRecords(String clusterId) {
        return InstanceRows.liveChildRecords(jdbc, clusterId);
    }

    /**
     * The children still being created whose row was last changed before {@code before}: what a broker that stopped
     * between storing a child and making it ready leaves behind (they keep their cluster from being deleted). Oldest
     * first.
     */
    public List<InstanceRecord> childrenCreatingBefore(Instant before) {
        return jdbc.sql("SELECT " + InstanceRows.COLUMNS + " FROM service_instance WHERE kind = :child"
                        + " AND status = :creating AND updated_at < :before ORDER BY updated_at, id")
                .param("child", InstanceKind.CHILD.wire())
                .param("creating", InstanceStatus.CREATING.wire())
                .param("before", timestamp(before))
                .query(InstanceRows::map)
                .list();
    }

    /** The ready children, sorted by cluster then id: what the quota sweep measures. */
    public List<InstanceRecord> readyChildren() {
        return jdbc.sql("SELECT " + InstanceRows.COLUMNS + " FROM service_instance WHERE kind = :child"
                        + " AND status = :ready ORDER BY cluster_id, id")
                .param("child", InstanceKind.CHILD.wire())
                .param("ready", InstanceStatus.READY.wire())
                .query(InstanceRows::map)
                .list();
    }
}
