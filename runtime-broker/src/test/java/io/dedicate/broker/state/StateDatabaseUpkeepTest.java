package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's upkeep: every commit appends a chunk to H2's file, and without upkeep the file kept every one of
 * them (it grew by ~140 KB per provision, to 1 GB at 7,000 instances). Churned here with a short retention so that the
 * test takes seconds: the file must stay a small fraction of what was written.
 *
 * <p>With upkeep the file's size is the peak of what the retention keeps (the chunks written in the last 0.3 s, plus
 * the upkeep's lag: about 0.7 s of writes here), which follows the fastest commit rate, while "written" follows the
 * average one. The commits are paced (at most {@link #COMMITS_PER_SECOND}) so that a burst cannot set the peak, and
 * the churn lasts long enough that the bound keeps a margin of two over what a run gives (0.09 of what was written,
 * 0.11 with two busy loops on the machine's two cores): an unpaced 3 s churn gave 0.20 to 0.235 against the bound
 * 0.25, and once 0.28 (a failure in a clean-clone run).
 */
class StateDatabaseUpkeepTest {

    private static final int BODY = 20_000;
    private static final int ROWS = 10;
    private static final int COMMITS_PER_SECOND = 2_000;
    private static final Duration CHURN = Duration.ofSeconds(6);

    @Test
    void theFileStaysNearItsLiveDataWhileCommitsChurn(@TempDir Path dir) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("state").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            StateDatabase.migrate(pool);
            StateDatabase database = new StateDatabase(pool, Clock.systemUTC(), 300);
            database.jdbc()
                    .sql("CREATE TABLE churn(id INT PRIMARY KEY, body VARCHAR(100000))")
                    .update();
            long written = 0;
            int commits = 0;
            long start = System.nanoTime();
            long end = start + CHURN.toNanos();
            long interval = Duration.ofSeconds(1).toNanos() / COMMITS_PER_SECOND;
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(start + commits * interval - System.nanoTime());
                String digits = Integer.toString(commits);
                String body = digits.repeat(BODY / digits.length());
                database.jdbc()
                        .sql("MERGE INTO churn KEY(id) VALUES (:id, :body)")
                        .param("id", commits % ROWS)
                        .param("body", body)
                        .update();
                written += body.length();
                if (++commits % 50 == 0) {
                    database.upkeep();
                }
            }

            assertThat(written).as("bytes committed").isGreaterThan(20L * ROWS * BODY);
            assertThat(database.fileSize())
                    .as("file size after %d commits of %d bytes each", commits, BODY)
                    .isLessThan(written / 4);
        }
    }
}
