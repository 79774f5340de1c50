package io.dedicate.broker.cluster;

import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.GitDeployException;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.state.InstanceFolder;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.render.OperationRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the meta pipeline files ({@link MetaPipelineShards}: the root {@code meta-pipeline.yml}, which sets one shard
 * per org, and each org's {@code ORG_GUID/meta-pipeline.yml}, which sets one pipeline per cluster of the org) in step
 * with the instances, off the request path: listing them reads every instance, so provisions only ask for a sync, and a background thread coalesces the requests into
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
    /**
     * Each meta pipeline file of the branch, as this broker last committed it (or found it committed): the listing it
     * was rendered from and its content's digest. Only the sync writes these files, so while the tip holds this
     * broker's last meta marker, a file whose listing did not change is neither rendered nor written again; before a
     * first commit, after a failed one, and when another writer's marker is at the tip, it is empty and every file is
     * rendered. Before it, every sync rendered every org's shard: with 10,000 clusters, megabytes every
     * few seconds during a burst of provisions, which outlived the young generation and grew the old one.
     */
    private final Map<String, Rendering> committed = new HashMap<>();

    /**
     * The marker of the meta pipeline commit {@link #committed} describes. A tip whose marker differs was written by
     * someone else (another replica of the broker on the same remote, a hand): its files are unknown, and every file
     * is rendered again.
     */
    private @Nullable String committedMarker;

    private Map<String, Rendering> rendered = new HashMap<>();

    private @Nullable String renderedMarker;
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
    public synchronized boolean syncNow() {
        try {
            git.commitAtTip(this::change);
            committed.putAll(rendered);
            committedMarker = renderedMarker;
            return true;
        } catch (GitDeployException e) {
            forget(); // the branch may hold some of the files or none: render them all next time
            LOG.warn("the meta pipeline is not committed yet, will retry: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            forget();
            throw e;
        } finally {
            rendered = new HashMap<>();
        }
    }

    /**
     * The meta pipeline files at the tip: only the files whose listing changed since the last commit are rendered and
     * written (the others stay as they are in the branch); the operation id digests every file's content.
     */
    private ChangeSet change() {
        byte[] marker = git.read(MARKER);
        if (marker == null
                || !new String(marker, StandardCharsets.UTF_8).strip().equals(committedMarker)) {
            forget();
        }
        List<InstanceFolder> folders = instances.instanceFolders();
        List<String> orgs = instances.clusterOrgs();
        SortedMap<String, MetaPipelineShards.Listing> listings = MetaPipelineShards.listings(orgs, folders);
        Map<String, byte[]> writes = new LinkedHashMap<>();
        Map<String, Rendering> renderings = new HashMap<>();
        MessageDigest digest = MetaPipelineShards.sha256();
        for (Map.Entry<String, MetaPipelineShards.Listing> file : listings.entrySet()) {
            String listed = file.getValue().digest();
            Rendering rendering = committed.get(file.getKey());
            if (rendering == null || !rendering.listing().equals(listed)) {
                byte[] content = file.getValue()
                        .render(renderer, git.uri(), git.branch())
                        .getBytes(StandardCharsets.UTF_8);
                writes.put(file.getKey(), content);
                rendering = new Rendering(
                        listed,
                        HexFormat.of().formatHex(MetaPipelineShards.sha256().digest(content)));
            }
            renderings.put(file.getKey(), rendering);
            digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(rendering.content().getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
        }
        rendered = renderings;
        renderedMarker = "meta-" + HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        return new ChangeSet(
                renderedMarker,
                "meta pipeline: " + folders.size() + " instance" + (folders.size() == 1 ? "" : "s") + " in "
                        + (listings.size() - 1) + " org shard" + (listings.size() == 2 ? "" : "s"),
                MARKER,
                writes,
                Set.of());
    }

    private void forget() {
        committed.clear();
        committedMarker = null;
    }

    /** The digest of what a committed file was rendered from, and the SHA-256 of its content (hexadecimal). */
    private record Rendering(String listing, String content) {}

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
