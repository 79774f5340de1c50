package io.dedicate.broker.cluster;

import io.dedicate.broker.state.InstanceFolder;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.render.MetaPipelineEntry;
import io.dedicate.bundle.render.OperationRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The meta pipeline files of the deployment repository, sharded per org: the root {@code meta-pipeline.yml} sets one
 * shard per org ({@code dedicated-org}, instance var {@code org}), and each org's {@code ORG_GUID/meta-pipeline.yml}
 * sets the pipeline of every cluster of that org ({@code dedicated-cluster}, instance var {@code instance}).
 *
 * <p>The rule that keeps archiving whole: <b>an org keeps its shard, listed by the root, once it has had a
 * cluster</b>, with an empty list after its last cluster is deleted. Concourse archives a pipeline when a successful
 * build of the job that set it no longer sets it; the last cluster pipeline of an org is set by its shard, so only a
 * successful build of that shard with an empty list archives it. Dropping the shard in the same commit would also
 * rely on the root archiving the shard, which it cannot be sure to do: a shard sets itself ({@code set_pipeline:
 * self}), and that makes the shard's own job its parent until the root sets it again. The cost is one idle pipeline
 * per org that ever had a cluster (its git resource keeps checking the org's paths).
 */
public final class MetaPipelineShards {

    private MetaPipelineShards() {}

    /**
     * Renders every meta pipeline file, path to content, sorted by path: the root and one shard per org of {@code
     * orgs} and of {@code folders}.
     *
     * @param orgs every org that has ever had a cluster (deleted ones included): each keeps its shard
     * @param folders the clusters that have a folder ({@code ORG_GUID/SPACE_GUID/INSTANCE_ID}), in the order the
     *     shards list them
     * @throws IllegalArgumentException if a folder is not {@code ORG_GUID/SPACE_GUID/INSTANCE_ID}
     */
    public static SortedMap<String, String> render(
            OperationRenderer renderer,
            List<String> orgs,
            List<InstanceFolder> folders,
            String gitUri,
            String gitBranch) {
        SortedMap<String, String> files = new TreeMap<>();
        listings(orgs, folders)
                .forEach((path, listing) -> files.put(path, listing.render(renderer, gitUri, gitBranch)));
        return files;
    }

    /**
     * What each meta pipeline file lists, by path, sorted: the root lists the orgs, each org's shard its clusters. A
     * file is a function of its listing (and of the bundle and the repository's address), so a caller can render only
     * the files whose listing changed ({@link MetaPipelineSync}).
     *
     * @param orgs every org that has ever had a cluster (deleted ones included): each keeps its shard
     * @param folders the clusters that have a folder ({@code ORG_GUID/SPACE_GUID/INSTANCE_ID}), in the order the
     *     shards list them
     * @throws IllegalArgumentException if a folder is not {@code ORG_GUID/SPACE_GUID/INSTANCE_ID}
     */
    public static SortedMap<String, Listing> listings(List<String> orgs, List<InstanceFolder> folders) {
        SortedMap<String, List<MetaPipelineEntry>> byOrg = new TreeMap<>();
        for (String org : orgs) {
            byOrg.put(org, new ArrayList<>());
        }
        for (InstanceFolder folder : folders) {
            byOrg.computeIfAbsent(org(folder), unused -> new ArrayList<>())
                    .add(new MetaPipelineEntry(OperationLinks.pipelineName(folder.instanceId()), folder.gitPath()));
        }
        SortedMap<String, Listing> listings = new TreeMap<>();
        listings.put(BundleLayout.META_PIPELINE_FILE, new Listing(null, List.copyOf(byOrg.keySet()), List.of()));
        for (Map.Entry<String, List<MetaPipelineEntry>> shard : byOrg.entrySet()) {
            listings.put(
                    BundleLayout.orgMetaPipelineFile(shard.getKey()),
                    new Listing(shard.getKey(), List.of(), List.copyOf(shard.getValue())));
        }
        return listings;
    }

    /**
     * What one meta pipeline file lists: the root ({@code org} null) its orgs, an org's shard its clusters.
     *
     * @param org the shard's org, null for the root
     * @param orgs the orgs the root sets a shard for (empty for a shard)
     * @param clusters the clusters a shard sets a pipeline for, in order (empty for the root)
     */
    public record Listing(@Nullable String org, List<String> orgs, List<MetaPipelineEntry> clusters) {

        /** The file's content. */
        public String render(OperationRenderer renderer, String gitUri, String gitBranch) {
            return org == null
                    ? renderer.renderRootMetaPipeline(orgs, gitUri, gitBranch)
                    : renderer.renderOrgMetaPipeline(org, clusters, gitUri, gitBranch);
        }

        /** A SHA-256 of the listing (hexadecimal): equal for equal listings, without keeping them. */
        public String digest() {
            MessageDigest digest = sha256();
            update(digest, org == null ? "" : org);
            for (String listed : orgs) {
                update(digest, listed);
            }
            for (MetaPipelineEntry cluster : clusters) {
                update(digest, cluster.name());
                update(digest, cluster.path());
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private static void update(MessageDigest digest, String text) {
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The org of a cluster's folder: its first level. */
    private static String org(InstanceFolder folder) {
        String[] levels = folder.gitPath().split("/", -1);
        if (levels.length != 3 || levels[0].isEmpty()) {
            throw new IllegalArgumentException("the folder '" + folder.gitPath() + "' of cluster " + folder.instanceId()
                    + " is not ORG_GUID/SPACE_GUID/INSTANCE_ID");
        }
        return levels[0];
    }
}
