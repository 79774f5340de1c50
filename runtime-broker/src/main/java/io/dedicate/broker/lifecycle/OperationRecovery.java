package io.dedicate.broker.lifecycle;

import io.dedicate.broker.git.GitDeployer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Finishes what a stopped broker or an unreachable repository left: at start-up and then
 * periodically, commits the operations still pending, fails the operations past their deadline and
 * brings the meta pipeline up to date, and packs the deployment repository when its loose objects
 * pile up.
 * Safe with several replicas: commits are idempotent per operation and state changes are
 * compare-and-set in the store.
 */
public final class OperationRecovery implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OperationRecovery.class);

    /** Loose objects in the deployment repository above which a pass packs it. */
    static final long LOOSE_OBJECT_LIMIT = 5_000;

    private final OperationCommitter committer;
    private final OperationStatus status;
    private final MetaPipelineSync metaPipeline;
    private final GitDeployer git;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler = newScheduler();
    private volatile boolean running;
    private volatile @Nullable ScheduledFuture<?> task;

    public OperationRecovery(
            OperationCommitter committer,
            OperationStatus status,
            MetaPipelineSync metaPipeline,
            GitDeployer git,
            Duration interval) {
        this.committer = committer;
        this.status = status;
        this.metaPipeline = metaPipeline;
        this.git = git;
        this.interval = interval;
    }

    /** One pass: commit pending operations, fail overdue ones. */
    public void runOnce() {
        try {
            int committed = committer.commitPending();
            int failed = status.failOverdue();
            metaPipeline.syncNow();
            if (git.packIfNeeded(LOOSE_OBJECT_LIMIT)) {
                LOG.info("recovery: the deployment repository was packed");
            }
            if (committed + failed > 0) {
                LOG.info(
                        "recovery: {} pending operation(s) committed, {} overdue operation(s) failed",
                        committed,
                        failed);
            }
        } catch (RuntimeException e) {
            LOG.warn("recovery pass failed, will retry: {}", e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        if (scheduler.isShutdown()) {
            scheduler = newScheduler();
        }
        task = scheduler.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        ScheduledFuture<?> scheduled = task;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operation-recovery");
            thread.setDaemon(true);
            return thread;
        });
    }
}
