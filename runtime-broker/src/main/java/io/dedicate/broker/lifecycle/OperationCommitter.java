package io.dedicate.broker.lifecycle;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.CommitResult;
import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.render.MetaPipelineEntry;
import io.dedicate.broker.render.OperationRenderer;
import io.dedicate.broker.state.InstanceFolder;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits an operation's rendered files, with the meta pipeline, to the deployment repository, and
 * records the commit. The order is what makes restarts safe: the operation (with its files) is
 * stored first, then committed, then marked committed. A broker stopped in between finds the
 * operation still pending at start-up and commits it again; the deployer recognises an operation
 * it already committed by the instance's {@code operation} marker file, so nothing is committed
 * twice.
 */
public final class OperationCommitter {

    /** The meta pipeline's path at the root of the deployment repository. */
    public static final String META_PIPELINE = "meta-pipeline.yml";

    private static final Logger LOG = LoggerFactory.getLogger(OperationCommitter.class);

    private final StateStore store;
    private final GitDeployer git;
    private final OperationRenderer renderer;

    public OperationCommitter(StateStore store, GitDeployer git, OperationRenderer renderer) {
        this.store = store;
        this.git = git;
        this.renderer = renderer;
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
        Map<String, byte[]> writes = new TreeMap<>(StateJson.readFiles(files));
        writes.put(META_PIPELINE, metaPipeline());
        ChangeSet change =
                new ChangeSet(operation.id(), message, markerPath(instance.gitPath()), writes, Set.of());
        try {
            CommitResult result = git.commit(change);
            store.markCommitted(operation.id(), result.commitId());
            return Optional.of(result.commitId());
        } catch (GitDeployException e) {
            LOG.warn("operation {} is not committed yet, will retry: {}", operation.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Commits every operation still pending (after a restart, or after the repository was unreachable). */
    public int commitPending() {
        int committed = 0;
        for (OperationRecord operation : store.pendingCommits()) {
            Optional<InstanceRecord> instance = store.findInstance(operation.instanceId());
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
     * Removes a deleted instance's folder, and updates the meta pipeline, once its delete
     * operation succeeded. Best effort: the next commit rewrites the meta pipeline anyway.
     */
    public void removeFolder(InstanceRecord instance, String operationId) {
        Map<String, byte[]> writes = new TreeMap<>();
        writes.put(META_PIPELINE, metaPipeline());
        ChangeSet change = new ChangeSet(
                operationId + "-cleanup",
                "remove deleted instance " + instance.id() + "\n\nOperation: delete " + operationId + "\n",
                "deleted/" + instance.id(),
                writes,
                Set.of(instance.gitPath()));
        try {
            git.commit(change);
        } catch (GitDeployException e) {
            LOG.warn("the folder of deleted instance {} stays in the repository for now: {}", instance.id(), e.getMessage());
        }
    }

    private byte[] metaPipeline() {
        List<MetaPipelineEntry> entries = new ArrayList<>();
        for (InstanceFolder folder : store.instanceFolders()) {
            entries.add(new MetaPipelineEntry(OperationLinks.pipelineName(folder.instanceId()), folder.gitPath()));
        }
        return renderer.renderMetaPipeline(entries, git.uri(), git.branch()).getBytes(StandardCharsets.UTF_8);
    }

    static @Nullable String firstLine(@Nullable String text) {
        if (text == null) {
            return null;
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
