package io.dedicate.broker.cluster;

import io.dedicate.broker.secrets.DashboardLinks;
import java.net.URI;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The URLs the broker hands out: where a pipeline reports an operation's outcome, the dashboard of
 * an instance (the broker's own page, as a signed expiring link when the broker signs them), and
 * the instance's Concourse pipeline when the broker knows Concourse (linked from the dashboard).
 */
public final class OperationLinks {

    private final Supplier<URI> publicUrl;
    private final @Nullable String concourseUrl;
    private final String concourseTeam;
    private final @Nullable DashboardLinks signer;

    /**
     * @param publicUrl the broker's public URL; a supplier because the default ({@code
     *     http://BIND:PORT}) is known only once the web server has its port
     */
    public OperationLinks(Supplier<URI> publicUrl, @Nullable URI concourseUrl, String concourseTeam) {
        this(publicUrl, concourseUrl, concourseTeam, null);
    }

    /**
     * @param signer signs dashboard links ({@code ?expires=...&sig=...}); null: unsigned links,
     *     which open with the broker's credentials only
     */
    public OperationLinks(
            Supplier<URI> publicUrl,
            @Nullable URI concourseUrl,
            String concourseTeam,
            @Nullable DashboardLinks signer) {
        this.publicUrl = publicUrl;
        this.concourseUrl = concourseUrl == null ? null : withoutTrailingSlash(concourseUrl.toString());
        this.concourseTeam = concourseTeam;
        this.signer = signer;
    }

    /** {@code PUBLIC_URL/operations/ID/report}: the pipeline's last step posts here. */
    public String reportUrl(String operationId) {
        return base() + "/operations/" + operationId + "/report";
    }

    /**
     * The Concourse instance var of an instance's pipeline: its ID (unique across offerings, stable
     * across renames). Every instance's pipeline is an instance of the {@code dedicated-cluster}
     * pipeline ({@code instance_vars: {instance: ID}}), as the meta pipeline sets it.
     */
    public static String pipelineName(String instanceId) {
        return instanceId;
    }

    /**
     * The instance's dashboard: {@code PUBLIC_URL/dashboard/instances/ID}, signed and valid from now
     * for the configured time when the broker signs links. A child's dashboard is its cluster's:
     * callers pass the cluster's ID.
     */
    public String dashboardUrl(String instanceId) {
        String page = base() + "/dashboard/instances/" + instanceId;
        return signer == null ? page : page + "?" + signer.query(instanceId);
    }

    private String base() {
        return withoutTrailingSlash(publicUrl.get().toString());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    // ------------------------------------------------------------------ dashboard

    /**
     * The instance's Concourse pipeline ({@code
     * CONCOURSE/teams/TEAM/pipelines/dedicated-cluster?vars.instance=%22ID%22}, the web UI's address of
     * an instanced pipeline), where its
     * operations run; null when the broker is not told a Concourse URL.
     */
    public @Nullable String pipelineUrl(String instanceId) {
        return concourseUrl == null
                ? null
                : concourseUrl + "/teams/" + concourseTeam + "/pipelines/"
                        + io.dedicate.bundle.BundleLayout.INSTANCE_PIPELINE_GROUP + "?vars.instance="
                        + java.net.URLEncoder.encode(
                                "\"" + pipelineName(instanceId) + "\"", java.nio.charset.StandardCharsets.UTF_8);
    }
}
