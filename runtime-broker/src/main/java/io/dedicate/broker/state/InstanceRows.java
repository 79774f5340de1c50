package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.requiredInstant;
import static io.dedicate.broker.state.StateDatabase.text;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of {@code service_instance} as every store reads and writes them: the column list, the mapping to {@link
 * InstanceRecord}, the insert, the lock of a cluster's row and the queries of its live children, which the instance,
 * operation and child stores each use inside their own transactions.
 */
final class InstanceRows {

    static final String COLUMNS = "id, service_id, plan_id, kind, cluster_id, org_guid, space_guid,"
            + " org_name, space_name, instance_name, parameters, secret_parameters, maintenance_version, status,"
            + " request_digest, git_path, outputs, secret_outputs, active_operation_id, created_at, updated_at,"
            + " name_scheme";

    private static final ObjectMapper JSON = new ObjectMapper();

    private InstanceRows() {}

    static InstanceRecord map(ResultSet rs, int row) throws SQLException {
        return new InstanceRecord(
                new InstanceRecord.Identity(
                        rs.getString("id"),
                        rs.getString("service_id"),
                        InstanceKind.fromWire(rs.getString("kind")),
                        rs.getString("cluster_id"),
                        rs.getString("git_path"),
                        rs.getInt("name_scheme")),
                new Placement(
                        rs.getString("org_guid"),
                        rs.getString("space_guid"),
                        rs.getString("org_name"),
                        rs.getString("space_name"),
                        rs.getString("instance_name")),
                new InstanceSettings(
                        rs.getString("plan_id"),
                        rs.getString("parameters"),
                        rs.getString("secret_parameters"),
                        rs.getString("maintenance_version")),
                new InstanceRecord.Progress(
                        InstanceStatus.fromWire(rs.getString("status")),
                        rs.getString("active_operation_id"),
                        requiredInstant(rs, "created_at"),
                        requiredInstant(rs, "updated_at")),
                new InstanceRecord.Outputs(rs.getString("outputs"), rs.getString("secret_outputs")),
                rs.getString("request_digest"));
    }

    /** Inserts {@code instance} with {@code status} and {@code activeOperationId}, changed {@code now}. */
    static void insert(
            JdbcClient jdbc,
            InstanceRecord instance,
            InstanceStatus status,
            @Nullable String activeOperationId,
            Instant now) {
        jdbc.sql(
                        "INSERT INTO service_instance (" + COLUMNS + ") VALUES (:id, :serviceId, :planId,"
                                + " :kind, :clusterId, :orgGuid, :spaceGuid, :orgName, :spaceName, :instanceName,"
                                + " :parameters, :secretParameters, :maintenanceVersion, :status, :requestDigest,"
                                + " :gitPath, :outputs, :secretOutputs, :activeOperationId, :createdAt, :updatedAt, :nameScheme)")
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
                .param("nameScheme", instance.nameScheme())
                .update();
    }

    /** The instance with this id, deleted ones included. */
    static Optional<InstanceRecord> find(JdbcClient jdbc, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_instance WHERE id = :id")
                .param("id", id)
                .query(InstanceRows::map)
                .optional();
    }

    /**
     * Locks a cluster's row ({@code SELECT ... FOR UPDATE}) in the caller's transaction; it must exist and not be
     * deleted. Creating a child, changing a cluster's parameters at once and starting an operation on it (whose claim
     * is an {@code UPDATE} of the same row) all wait for one another through this lock.
     *
     * @throws InstanceGoneException if the cluster is absent or deleted
     */
    static InstanceRecord lockCluster(JdbcClient jdbc, String clusterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_instance WHERE id = :id AND kind = :cluster FOR UPDATE")
                .param("id", clusterId)
                .param("cluster", InstanceKind.CLUSTER.wire())
                .query(InstanceRows::map)
                .optional()
                .filter(found -> found.status() != InstanceStatus.DELETED)
                .orElseThrow(() -> new InstanceGoneException(clusterId));
    }

    /** The IDs of a cluster's children that are not deleted (those being created included), sorted. */
    static List<String> liveChildIds(JdbcClient jdbc, String clusterId) {
        return jdbc.sql("SELECT id FROM service_instance WHERE cluster_id = :clusterId AND status <> :deleted"
                        + " ORDER BY id")
                .param("clusterId", clusterId)
                .param("deleted", InstanceStatus.DELETED.wire())
                .query((rs, row) -> rs.getString(1))
                .list();
    }

    /** A cluster's children that are not deleted (those being created included), sorted by id. */
    static List<InstanceRecord> liveChildRecords(JdbcClient jdbc, String clusterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_instance WHERE cluster_id = :clusterId"
                        + " AND status <> :deleted ORDER BY id")
                .param("clusterId", clusterId)
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(InstanceRows::map)
                .list();
    }

    /** How many children of a cluster are not deleted (those being created included). */
    static int countLiveChildren(JdbcClient jdbc, String clusterId) {
        return jdbc.sql("SELECT COUNT(*) FROM service_instance WHERE cluster_id = :clusterId AND status <> :deleted")
                .param("clusterId", clusterId)
                .param("deleted", InstanceStatus.DELETED.wire())
                .query(Integer.class)
                .single();
    }

    /**
     * What an insert refused by a primary or unique key means: {@link InstanceExistsException} if the instance {@code
     * id} is there now, else the database's own exception.
     */
    static RuntimeException duplicate(JdbcClient jdbc, String id, DuplicateKeyException e) {
        return find(jdbc, id).isPresent() ? new InstanceExistsException(id) : e;
    }

    /** {@code json} parsed, if it is a JSON object; {@code what} names it in the message otherwise. */
    static ObjectNode jsonObject(String json, String what) {
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

    static ObjectNode emptyObject() {
        return JSON.createObjectNode();
    }
}
