package io.dedicate.broker.cluster;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.CommitResult;
import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.state.CleanupStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.broker.state.PendingCleanup;
import io.dedicate.bundle.render.RenderedOperation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits an operation's rendered files to the deployment repository, and
 * records the commit. The order is what makes restarts safe: the operation (with its files) is
 * stored first, then committed, then marked committed. A broker stopped in between finds the
 * operation still pending at start-up and commits it again; the deployer recognises an operation
 * it already committed by the instance's {@code operation} marker file, so nothing is committed
 * twice.
 */
public final class OperationCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(OperationCommitter.class);

    private final InstanceStore instances;
    private final OperationStore operations;
    private final GitDeployer git;
    private final MetaPipelineSync metaPipeline;
    private final CleanupStore cleanups;

    public OperationCommitter(
            InstanceStore instances,
            OperationStore operations,
            GitDeployer git,
            MetaPipelineSync metaPipeline,
            CleanupStore cleanups) {
        this.instances = instances;
        this.operations = operations;
        this.git = git;
        this.metaPipeline = metaPipeline;
        this.cleanups = cleanups;
    }

    /** The marker file of an instance folder. */
    public static String markerPath(String gitPath) {
        return gitPath + "/operation";
    }

    /**
     * Commits a pending operation. Returns the commit ID, or empty if the repository could not be
     * reached (logged; the operation stays pending and {@link #commitPending} tries again).
     */
    public Optional<String> commit(OperationRecord operation, InstanceRecord instance, String message) {
        String files = operation.renderedFilesJson();
        if (files == null) {
            return Optional.ofNullable(operation.commitId());
        }
        Map<String, byte[]> writes = StateJson.readFiles(files);
        ChangeSet change = new ChangeSet(
                operation.id(),
                message,
                markerPath(instance.gitPath()),
                writes,
                staleFiles(instance.gitPath(), writes));
        try {
            CommitResult result = git.commit(change);
            operations.markCommitted(operation.id(), result.commitId());
            if (operation.kind() == OperationKind.DEPLOY) {
                metaPipeline.requestSync();
            }
            return Optional.of(result.commitId());
        } catch (GitDeployException e) {
            LOG.warn("operation {} is not committed yet, will retry: {}", operation.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The files of an earlier operation that this one does not write and that must not outlive it: {@code
     * secrets.cms} when this operation has no secret value (the pipeline would otherwise deploy the old values).
     */
    static Set<String> staleFiles(String gitPath, Map<String, byte[]> writes) {
        String secrets = gitPath + "/" + RenderedOperation.SECRETS_FILE;
        return writes.containsKey(secrets) ? Set.of() : Set.of(secrets);
    }

    /** Commits every operation still pending (after a restart, or after the repository was unreachable). */
    public int commitPending() {
        int committed = 0;
        for (OperationRecord operation : operations.pendingCommits()) {
            Optional<InstanceRecord> instance = instances.findInstance(operation.instanceId());
            if (instance.isEmpty()) {
                continue;
            }
            String message = operation.kind().wire() + " instance " + operation.instanceId() + " (recovered)\n\n"
                    + "Operation: " + operation.kind().wire() + " " + operation.id() + "\n"
                    + "Requested-By: " + (operation.requester() == null ? "unknown" : operation.requester()) + "\n";
            if (commit(operation, instance.get(), message).isPresent()) {
                committed++;
            }
        }
        return committed;
    }

    /**
     * Removes a deleted instance's folder once its delete operation succeeded, and has the meta pipeline updated. The
     * commit's marker ({@code deleted/ID}) records the deletion, so a retry after a commit that landed commits nothing.
     * The cleanup was recorded in the state store when the delete ended ({@link CleanupStore}); it is marked done here,
     * or its failure is recorded and {@link #retryFolderRemovals} tries again, also after a restart.
     *
     * @return true if the folder is removed (now or before)
     */
    public boolean removeFolder(String instanceId, String gitPath, String operationId) {
        ChangeSet change = new ChangeSet(
                operationId + "-cleanup",
                "remove deleted instance " + instanceId + "\n\nOperation: delete " + operationId + "\n",
                "deleted/" + instanceId,
                Map.of(),
                Set.of(gitPath));
        boolean removed;
        try {
            git.commit(change);
            cleanups.done(instanceId);
            removed = true;
        } catch (GitDeployException e) {
            cleanups.failed(instanceId, e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warn(
                    "the folder {} of deleted instance {} stays in the repository for now, the removal is retried: {}",
                    gitPath,
                    instanceId,
                    e.getMessage());
            removed = false;
        }
        metaPipeline.requestSync();
        return removed;
    }

    /**
     * Retries the folder removals still recorded in the state store (each run of the pending-commits pass, the first at
     * start-up), until each is done; returns how many were done now.
     */
    public int retryFolderRemovals() {
        int removed = 0;
        for (PendingCleanup pending : cleanups.pending()) {
            if (removeFolder(pending.instanceId(), pending.gitPath(), pending.operationId())) {
                removed++;
            }
        }
        return removed;
    }
}
