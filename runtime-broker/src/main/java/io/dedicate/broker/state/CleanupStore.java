package io.dedicate.broker.state;

import static io.dedicate.broker.state.StateDatabase.requiredInstant;
import static io.dedicate.broker.state.StateDatabase.text;
import static io.dedicate.broker.state.StateDatabase.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cleanup commits still to make, as rows of {@code pending_cleanup}: recorded in the transaction that ends a
 * cluster's delete ({@link OperationStore#finishOperation}), so that no crash loses one; removed once the commit landed;
 * retried until then by the pending-commits pass.
 */
public final class CleanupStore {

    /** The longest error text kept (the column's width). */
    static final int ERROR_WIDTH = 2000;

    private static final String COLUMNS = "instance_id, operation_id, git_path, recorded_at, attempts, last_error";

    private final JdbcClient jdbc;

    public CleanupStore(StateDatabase database) {
        this.jdbc = database.jdbc();
    }

    /** Records the removal of a deleted instance's folder; called inside the transaction that ends the delete. */
    static void record(JdbcClient jdbc, InstanceRecord instance, String operationId, Instant now) {
        jdbc.sql("DELETE FROM pending_cleanup WHERE instance_id = :id")
                .param("id", instance.id())
                .update();
        jdbc.sql("INSERT INTO pending_cleanup (" + COLUMNS + ") VALUES (:instanceId, :operationId, :gitPath, :now, 0,"
                        + " NULL)")
                .param("instanceId", instance.id())
                .param("operationId", operationId)
                .param("gitPath", instance.gitPath())
                .param("now", timestamp(now))
                .update();
    }

    /** Every cleanup still to make, oldest first. */
    public List<PendingCleanup> pending() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pending_cleanup ORDER BY recorded_at, instance_id")
                .query(CleanupStore::cleanup)
                .list();
    }

    /** The cleanup of {@code instanceId} is done: its row goes. */
    public void done(String instanceId) {
        jdbc.sql("DELETE FROM pending_cleanup WHERE instance_id = :id")
                .param("id", instanceId)
                .update();
    }

    /** An attempt at the cleanup of {@code instanceId} failed with {@code error} (kept, shortened to the column). */
    public void failed(String instanceId, String error) {
        String kept = error.length() > ERROR_WIDTH ? error.substring(0, ERROR_WIDTH - 3) + "..." : error;
        jdbc.sql("UPDATE pending_cleanup SET attempts = attempts + 1, last_error = :error WHERE instance_id = :id")
                .param("error", text(kept))
                .param("id", instanceId)
                .update();
    }

    private static PendingCleanup cleanup(ResultSet row, int rowNum) throws SQLException {
        return new PendingCleanup(
                row.getString("instance_id"),
                row.getString("operation_id"),
                row.getString("git_path"),
                requiredInstant(row, "recorded_at"),
                row.getInt("attempts"),
                row.getString("last_error"));
    }
}
