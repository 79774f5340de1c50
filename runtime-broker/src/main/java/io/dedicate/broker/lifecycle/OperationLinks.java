package io.dedicate.broker.lifecycle;

import java.net.URI;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The URLs the broker hands out: where a pipeline reports an operation's outcome, and the
 * dashboard of an instance (the instance's Concourse pipeline when the broker knows Concourse,
 * else the broker's own page).
 */
public final class OperationLinks {

    private final Supplier<URI> publicUrl;
    private final @Nullable String concourseUrl;
    private final String concourseTeam;

    /**
     * @param publicUrl the broker's public URL; a supplier because the default ({@code
     *     http://BIND:PORT}) is known only once the web server has its port
     */
    public OperationLinks(Supplier<URI> publicUrl, @Nullable URI concourseUrl, String concourseTeam) {
        this.publicUrl = publicUrl;
        this.concourseUrl = concourseUrl == null ? null : withoutTrailingSlash(concourseUrl.toString());
        this.concourseTeam = concourseTeam;
    }

    /** {@code PUBLIC_URL/operations/ID/report}: the pipeline's last step posts here. */
    public String reportUrl(String operationId) {
        return base() + "/operations/" + operationId + "/report";
    }

    /**
     * The Concourse pipeline name of an instance: its ID (unique across offerings, stable across
     * renames, and a valid Concourse identifier for the IDs {@code PathSegments} accepts).
     */
    public static String pipelineName(String instanceId) {
        return instanceId;
    }

    /** The instance's dashboard. */
    public String dashboardUrl(String instanceId) {
        if (concourseUrl != null) {
            return concourseUrl + "/teams/" + concourseTeam + "/pipelines/" + pipelineName(instanceId);
        }
        return base() + "/dashboard/instances/" + instanceId;
    }

    private String base() {
        return withoutTrailingSlash(publicUrl.get().toString());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
