package io.dedicate.broker.cluster;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.state.InstanceFolder;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.render.MetaPipelineEntry;
import io.dedicate.bundle.render.OperationRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code meta-pipeline.yml} (the pipeline that sets one pipeline per instance folder) in step
 * with the instances, off the request path: rendering it lists every instance (about 0.1 s with
 * 10,000), so provisions only ask for a sync, and a background thread coalesces the requests into
 * one commit. The list is read from the state store after the branch tip is read, on every
 * attempt ({@link GitDeployer#commitAtTip}), so a concurrent commit from another replica can never
 * be overwritten by an older list. A meta pipeline identical to the committed one commits nothing.
 * Requests are coalesced over a short delay, so a burst of provisions costs one render and one
 * commit, not one each (with 10,000 instances the file is about 1.5 MB).
 */
public final class MetaPipelineSync implements AutoCloseable {

    /** The meta pipeline's path at the root of the deployment repository. */
    public static final String PATH = io.dedicate.bundle.BundleLayout.META_PIPELINE_FILE;

    private static final String MARKER = ".dedicate/meta-pipeline";
    private static final Logger LOG = LoggerFactory.getLogger(MetaPipelineSync.class);

    private final InstanceStore instances;
    private final GitDeployer git;
    private final OperationRenderer renderer;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "meta-pipeline-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Duration delay;

    /**
     * @param delay how long a request waits for others to join it before the sync runs
     */
    public MetaPipelineSync(InstanceStore instances, GitDeployer git, OperationRenderer renderer, Duration delay) {
        this.instances = instances;
        this.git = git;
        this.renderer = renderer;
        this.delay = delay;
    }

    /** Asks for a sync after the delay; requests made while one is queued are served by it. */
    public void requestSync() {
        if (queued.compareAndSet(false, true)) {
            try {
                ScheduledFuture<?> unused = worker.schedule(
                        () -> {
                            queued.set(false);
                            syncNow();
                        },
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                queued.set(false);
                LOG.info("the broker is stopping: the meta pipeline will be synced at its next start");
            }
        }
    }

    /** Commits the meta pipeline now if it changed; false if the repository could not be reached. */
    public boolean syncNow() {
        try {
            git.commitAtTip(this::change);
            return true;
        } catch (GitDeployException e) {
            LOG.warn("the meta pipeline is not committed yet, will retry: {}", e.getMessage());
            return false;
        }
    }

    private ChangeSet change() {
        List<MetaPipelineEntry> entries = new ArrayList<>();
        List<InstanceFolder> folders = instances.instanceFolders();
        for (InstanceFolder folder : folders) {
            entries.add(new MetaPipelineEntry(OperationLinks.pipelineName(folder.instanceId()), folder.gitPath()));
        }
        byte[] pipeline =
                renderer.renderMetaPipeline(entries, git.uri(), git.branch()).getBytes(StandardCharsets.UTF_8);
        return new ChangeSet(
                "meta-" + sha256(pipeline).substring(0, 32),
                "meta pipeline: " + folders.size() + " instance" + (folders.size() == 1 ? "" : "s"),
                MARKER,
                Map.of(PATH, pipeline),
                Set.of());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Stops the background thread, letting a commit under way finish (up to 10 s). */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
