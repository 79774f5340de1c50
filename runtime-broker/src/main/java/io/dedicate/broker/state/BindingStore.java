package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.requiredInstant;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bindings of children as rows of {@code service_binding}: claimed before their user is created, completed with their
 * sealed credentials, abandoned or deleted, each a conditional change of its status; and the counts and lists the
 * dashboard and the recovery pass read. A child's deletion ends its bindings ({@link ChildStore#markChildDeleted}).
 */
public final class BindingStore {

    private static final String COLUMNS =
            "id, instance_id, username, status, request_digest, secret_credentials, created_at";

    private final StateDatabase database;
    private final JdbcClient jdbc;

    public BindingStore(StateDatabase database) {
        this.database = database;
        this.jdbc = database.jdbc();
    }

    /** The binding with this id, deleted ones included. */
    public Optional<BindingRecord> findBinding(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_binding WHERE id = :id")
                .param("id", id)
                .query(BindingStore::binding)
                .optional();
    }

    /**
     * Claims a binding id before its user is created: inserts it {@link BindingStatus#CREATING}, or takes back a
     * deleted binding of the same id. The primary key decides between two requests racing, also across replicas.
     *
     * @return false (changing nothing) if a binding with this id exists and is not deleted
     */
    public boolean claimBinding(String id, String instanceId, String username, String requestDigest) {
        Instant now = database.now();
        try {
            jdbc.sql("INSERT INTO service_binding (" + COLUMNS + ") VALUES (:id, :instanceId, :username, :creating,"
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

    /** The bindings still being created that were claimed before {@code before} (a stopped broker's), oldest first. */
    public List<BindingRecord> bindingsCreatingBefore(Instant before) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_binding WHERE status = :creating AND created_at < :before"
                        + " ORDER BY created_at, id")
                .param("creating", BindingStatus.CREATING.wire())
                .param("before", timestamp(before))
                .query(BindingStore::binding)
                .list();
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
}
