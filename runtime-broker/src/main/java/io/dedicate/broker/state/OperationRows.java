package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.instant;
import static io.dedicate.broker.state.StateDatabase.requiredInstant;
import static io.dedicate.broker.state.StateDatabase.text;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of {@code operation} as the stores read and write them: the column list, the mapping to {@link
 * OperationRecord}, the insert (also done by {@link InstanceStore} when an instance is born with its deploy) and the
 * checks every new operation passes.
 */
final class OperationRows {

    static final String COLUMNS = "id, instance_id, kind, state, description,"
            + " target_plan_id, target_parameters, target_secret_parameters, target_maintenance_version,"
            + " request_digest, requester, commit_state, commit_id, rendered_files, started_at, deadline_at,"
            + " finished_at";

    private OperationRows() {}

    static OperationRecord map(ResultSet rs, int row) throws SQLException {
        return new OperationRecord(
                rs.getString("id"),
                rs.getString("instance_id"),
                OperationKind.fromWire(rs.getString("kind")),
                OperationState.fromWire(rs.getString("state")),
                rs.getString("description"),
                new InstanceSettings(
                        rs.getString("target_plan_id"),
                        rs.getString("target_parameters"),
                        rs.getString("target_secret_parameters"),
                        rs.getString("target_maintenance_version")),
                new OperationRecord.Origin(rs.getString("request_digest"), rs.getString("requester")),
                new OperationRecord.Commit(
                        CommitState.fromWire(rs.getString("commit_state")),
                        rs.getString("commit_id"),
                        rs.getString("rendered_files")),
                new OperationRecord.Timing(
                        requiredInstant(rs, "started_at"),
                        requiredInstant(rs, "deadline_at"),
                        instant(rs, "finished_at")));
    }

    static void insert(JdbcClient jdbc, OperationRecord operation) {
        jdbc.sql("INSERT INTO operation (" + COLUMNS + ") VALUES (:id, :instanceId, :kind, :state,"
                        + " :description, :targetPlanId, :targetParameters, :targetSecretParameters,"
                        + " :targetMaintenanceVersion, :requestDigest, :requester, :commitState, :commitId,"
                        + " :renderedFiles, :startedAt, :deadlineAt, :finishedAt)")
                .param("id", operation.id())
                .param("instanceId", operation.instanceId())
                .param("kind", operation.kind().wire())
                .param("state", operation.state().wire())
                .param("description", text(operation.description()))
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

    static void requireInProgress(OperationRecord operation) {
        if (operation.state() != OperationState.IN_PROGRESS) {
            throw new IllegalArgumentException("operation " + operation.id() + " must start 'in progress', not '"
                    + operation.state().wire() + "'");
        }
    }
}
