package io.dedicate.broker.cluster;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.state.InstanceFolder;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.render.OperationRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the meta pipeline files ({@link MetaPipelineShards}: the root {@code meta-pipeline.yml}, which sets one shard
 * per org, and each org's {@code ORG_GUID/meta-pipeline.yml}, which sets one pipeline per cluster of the org) in step
 * with the instances, off the request path: rendering them lists every instance (about 0.1 s with
 * 10,000), so provisions only ask for a sync, and a background thread coalesces the requests into
 * one commit (files whose content did not change stay as they are). The lists are read from the
 * state store after the branch tip is read, on every attempt ({@link GitDeployer#commitAtTip}), so
 * a concurrent commit from another replica can never be overwritten by an older list. Meta pipelines identical to the committed ones commit nothing.
 * Requests are coalesced over a short delay, so a burst of provisions costs one render and one
 * commit, not one each (with 10,000 instances the files hold about 1.5 MB).
 */
public final class MetaPipelineSync implements AutoCloseable {

    /** The root meta pipeline's path at the root of the deployment repository. */
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
        List<InstanceFolder> folders = instances.instanceFolders();
        List<String> orgs = instances.clusterOrgs();
        SortedMap<String, String> rendered =
                MetaPipelineShards.render(renderer, orgs, folders, git.uri(), git.branch());
        Map<String, byte[]> files = new LinkedHashMap<>();
        MessageDigest digest = sha256();
        for (Map.Entry<String, String> file : rendered.entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            files.put(file.getKey(), content);
            digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content);
            digest.update((byte) 0);
        }
        return new ChangeSet(
                "meta-" + HexFormat.of().formatHex(digest.digest()).substring(0, 32),
                "meta pipeline: " + folders.size() + " instance" + (folders.size() == 1 ? "" : "s") + " in "
                        + (rendered.size() - 1) + " org shard" + (rendered.size() == 2 ? "" : "s"),
                MARKER,
                files,
                Set.of());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
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
