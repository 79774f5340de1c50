package io.dedicate.broker.cluster;

import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.periodic.PeriodicPass;
import io.dedicate.broker.periodic.PeriodicWork;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what a stopped broker or an unreachable repository left, as four passes that {@link PeriodicWork} runs at
 * start-up and then periodically, each on its own: commits the operations still pending, fails the operations past
 * their deadline, brings the meta pipeline up to date, and packs the deployment repository when its loose objects pile
 * up. Safe with several replicas: commits are idempotent per operation and state changes are compare-and-set in the
 * store.
 */
public final class OperationRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(OperationRecovery.class);

    /** Loose objects in the deployment repository above which a pass packs it, by default. */
    public static final long LOOSE_OBJECT_LIMIT = 5_000;

    private final OperationCommitter committer;
    private final OperationStatus status;
    private final MetaPipelineSync metaPipeline;
    private final GitDeployer git;
    private final long looseObjectLimit;

    public OperationRecovery(
            OperationCommitter committer, OperationStatus status, MetaPipelineSync metaPipeline, GitDeployer git) {
        this(committer, status, metaPipeline, git, LOOSE_OBJECT_LIMIT);
    }

    /**
     * @param looseObjectLimit loose objects above which the packing pass runs a {@code gc} (the crash test sets 0, so
     *     that kills also land in the middle of one)
     */
    public OperationRecovery(
            OperationCommitter committer,
            OperationStatus status,
            MetaPipelineSync metaPipeline,
            GitDeployer git,
            long looseObjectLimit) {
        this.committer = committer;
        this.status = status;
        this.metaPipeline = metaPipeline;
        this.git = git;
        this.looseObjectLimit = looseObjectLimit;
    }

    /** The recovery's passes, each run every {@code interval}, in the order {@link #runOnce()} runs them. */
    public List<PeriodicPass> passes(Duration interval) {
        return List.of(
                PeriodicPass.of("pending commits", interval, this::commitPending),
                PeriodicPass.of("overdue operations", interval, this::failOverdue),
                PeriodicPass.of("meta pipeline", interval, metaPipeline::syncNow),
                PeriodicPass.of("repository packing", interval, this::packRepository));
    }

    /** Every pass once, in order, on the caller's thread; a failure is thrown and skips the passes after it. */
    public void runOnce() {
        commitPending();
        failOverdue();
        metaPipeline.syncNow();
        packRepository();
    }

    private void commitPending() {
        int removed = committer.retryFolderRemovals();
        if (removed > 0) {
            LOG.info("recovery: {} deleted instance folder(s) removed from the repository", removed);
        }
        int committed = committer.commitPending();
        if (committed > 0) {
            LOG.info("recovery: {} pending operation(s) committed", committed);
        }
    }

    private void failOverdue() {
        int failed = status.failOverdue();
        if (failed > 0) {
            LOG.info("recovery: {} overdue operation(s) failed", failed);
        }
    }

    private void packRepository() {
        if (git.packIfNeeded(looseObjectLimit)) {
            LOG.info("recovery: the deployment repository was packed");
        }
    }
}
