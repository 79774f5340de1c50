package io.dedicate.broker.cluster;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.CommitResult;
import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.bundle.render.RenderedOperation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    public OperationCommitter(
            InstanceStore instances, OperationStore operations, GitDeployer git, MetaPipelineSync metaPipeline) {
        this.instances = instances;
        this.operations = operations;
        this.git = git;
        this.metaPipeline = metaPipeline;
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
     * Removes a deleted instance's folder once its delete operation succeeded, and has the meta
     * pipeline updated. The commit's marker ({@code deleted/ID}) records the deletion. Best effort:
     * a folder left behind is harmless, the meta pipeline no longer lists it.
     */
    public void removeFolder(InstanceRecord instance, String operationId) {
        ChangeSet change = new ChangeSet(
                operationId + "-cleanup",
                "remove deleted instance " + instance.id() + "\n\nOperation: delete " + operationId + "\n",
                "deleted/" + instance.id(),
                Map.of(),
                Set.of(instance.gitPath()));
        try {
            git.commit(change);
            pendingRemovals.remove(instance.id());
        } catch (GitDeployException e) {
            pendingRemovals.put(instance.id(), new PendingRemoval(instance, operationId));
            LOG.warn(
                    "the folder of deleted instance {} stays in the repository for now, the removal is retried: {}",
                    instance.id(),
                    e.getMessage());
        }
        metaPipeline.requestSync();
    }

    /** Retries the folder removals that failed (each run of the pending-commits pass), until each is done. */
    public int retryFolderRemovals() {
        int removed = 0;
        for (PendingRemoval pending : List.copyOf(pendingRemovals.values())) {
            removeFolder(pending.instance(), pending.operationId());
            if (!pendingRemovals.containsKey(pending.instance().id())) {
                removed++;
            }
        }
        return removed;
    }

    private record PendingRemoval(InstanceRecord instance, String operationId) {}

    private final Map<String, PendingRemoval> pendingRemovals = new ConcurrentHashMap<>();
}
