package io.dedicate.broker.dashboard;

import io.dedicate.broker.cluster.ClusterCascade;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of a cluster's dashboard: the cluster (name, GUID, org and space, plan, state, maintenance version, its
 * pipeline when the broker knows Concourse), every child that is not deleted (GUID, name, space, plan, bindings count,
 * state, the latest cluster update that affected it) and the cluster's last operations with the children each one
 * affected.
 *
 * <p>Plain server-rendered HTML with a little inline CSS and no script. Every value is HTML-escaped (names come from
 * users). Nothing secret is ever read: no parameters, no outputs, no binding credentials, no report token. Ordering is
 * deterministic: children by name (unnamed last), then GUID; operations newest first; affected children by GUID.
 */
final class ClusterPage {

    /** How many of the cluster's operations the page shows, newest first. */
    static final int OPERATIONS = 20;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final Comparator<InstanceRecord> BY_NAME_THEN_ID = Comparator.comparing(
                    (InstanceRecord child) -> child.instanceName() == null ? 1 : 0)
            .thenComparing(child -> child.instanceName() == null ? "" : child.instanceName())
            .thenComparing(InstanceRecord::id);

    private final LoadedBundle bundle;
    private final InstanceStore instances;
    private final OperationStore operations;
    private final ChildStore children;
    private final BindingStore bindings;
    private final OperationLinks links;
    private final Function<String, Optional<String>> delegatedInProgress;

    /** {@code delegatedInProgress}: what a {@code delegate} child's cluster broker is still doing, by child ID. */
    ClusterPage(
            LoadedBundle bundle,
            InstanceStore instances,
            OperationStore operations,
            ChildStore children,
            BindingStore bindings,
            OperationLinks links,
            Function<String, Optional<String>> delegatedInProgress) {
        this.bundle = bundle;
        this.instances = instances;
        this.operations = operations;
        this.children = children;
        this.bindings = bindings;
        this.links = links;
        this.delegatedInProgress = delegatedInProgress;
    }

    /** The whole page of {@code cluster}. */
    String render(InstanceRecord cluster) {
        Optional<OfferingModel> offering = bundle.offering(cluster.serviceId());
        List<InstanceRecord> children = this.children.liveChildRecords(cluster.id()).stream()
                .sorted(BY_NAME_THEN_ID)
                .toList();
        Map<String, Long> bindings = this.bindings.liveBindingsOfCluster(cluster.id());
        Map<String, List<String>> affected = this.operations.affectedChildrenOfCluster(cluster.id());
        List<OperationRecord> operations = this.operations.history(cluster.id(), OPERATIONS);
        StringBuilder body = new StringBuilder();
        clusterSection(body, cluster, offering);
        childrenSection(body, children, bindings);
        operationsSection(body, cluster, operations, affected, children);
        String name = or(cluster.instanceName(), cluster.id());
        return page(name + " - " + offering.map(OfferingModel::name).orElse("dedicated cluster"), body.toString());
    }

    private void clusterSection(StringBuilder body, InstanceRecord cluster, Optional<OfferingModel> offering) {
        body.append("<section id=\"cluster\"><h2>Cluster</h2><dl>");
        row(body, "Service", offering.map(OfferingModel::name).orElse(cluster.serviceId()));
        row(body, "Name", cluster.instanceName());
        row(body, "GUID", cluster.id(), "guid");
        row(body, "Org", or(cluster.orgName(), cluster.orgGuid()));
        row(body, "Space", or(cluster.spaceName(), cluster.spaceGuid()));
        row(body, "Plan", planName(cluster.serviceId(), cluster.planId()));
        String active = cluster.activeOperationId();
        String state = cluster.status().wire();
        if (active != null) {
            state += this.operations
                    .findOperation(active)
                    .map(operation -> " (" + operation.kind().wire() + " in progress)")
                    .orElse("");
        }
        row(body, "State", state, "state");
        String catalogVersion = offering.map(o -> o.maintenanceInfo().version()).orElse(null);
        String version = cluster.maintenanceVersion();
        row(
                body,
                "Maintenance version",
                version != null && catalogVersion != null && !version.equals(catalogVersion)
                        ? version + " (the catalog offers " + catalogVersion + ")"
                        : version);
        row(body, "Created", time(cluster.createdAt()));
        String pipeline = links.pipelineUrl(cluster.id());
        if (pipeline != null) {
            body.append("<dt>Pipeline</dt><dd>")
                    .append(link(pipeline, "Concourse pipeline"))
                    .append("</dd>");
        }
        body.append("</dl></section>");
    }

    private void childrenSection(StringBuilder body, List<InstanceRecord> children, Map<String, Long> bindings) {
        body.append("<section id=\"children\"><h2>Child service instances (")
                .append(children.size())
                .append(")</h2>");
        if (children.isEmpty()) {
            body.append("<p>No child service instance lives in this cluster.</p></section>");
            return;
        }
        body.append("<table><thead><tr><th>GUID</th><th>Name</th><th>Space</th><th>Plan</th><th>Bindings</th>"
                + "<th>State</th><th>Cluster update</th></tr></thead><tbody>");
        for (InstanceRecord child : children) {
            body.append("<tr class=\"child\" data-guid=\"")
                    .append(e(child.id()))
                    .append("\">");
            cell(body, "guid", "<code>" + e(child.id()) + "</code>");
            cell(body, "name", e(or(child.instanceName(), "-")));
            cell(body, "space", e(or(child.spaceName(), child.spaceGuid())));
            cell(body, "plan", e(planName(child.serviceId(), child.planId())));
            cell(body, "bindings", String.valueOf(bindings.getOrDefault(child.id(), 0L)));
            cell(
                    body,
                    "state",
                    e(delegatedInProgress
                            .apply(child.id())
                            .orElse(child.status().wire())));
            cell(
                    body,
                    "cascade",
                    this.operations
                            .latestOperationAffecting(child.id())
                            .map(operation -> e(ClusterCascade.state(operation.state()) + " ("
                                    + operation.kind().wire() + " of " + time(operation.startedAt()) + ")"))
                            .orElse("-"));
            body.append("</tr>");
        }
        body.append("</tbody></table></section>");
    }

    private void operationsSection(
            StringBuilder body,
            InstanceRecord cluster,
            List<OperationRecord> operations,
            Map<String, List<String>> affected,
            List<InstanceRecord> children) {
        Map<String, InstanceRecord> live =
                children.stream().collect(Collectors.toMap(InstanceRecord::id, Function.identity()));
        String pipeline = links.pipelineUrl(cluster.id());
        body.append("<section id=\"operations\"><h2>Last operations</h2><table><thead><tr><th>Started</th>"
                + "<th>Operation</th><th>State</th><th>Description</th><th>Ended</th><th>Commit</th>"
                + "<th>Affected children</th></tr></thead><tbody>");
        for (OperationRecord operation : operations) {
            body.append("<tr class=\"operation\" data-operation=\"")
                    .append(e(operation.id()))
                    .append("\">");
            cell(body, "started", e(time(operation.startedAt())));
            cell(
                    body,
                    "kind",
                    pipeline == null
                            ? e(operation.kind().wire())
                            : link(pipeline, operation.kind().wire()));
            cell(body, "state", e(operation.state().wire()));
            cell(body, "description", e(or(operation.description(), "")));
            cell(body, "ended", e(time(operation.finishedAt())));
            String commit = operation.commitId();
            cell(
                    body,
                    "commit",
                    "<code>" + e(commit == null ? operation.commitState().wire() : shortId(commit)) + "</code>");
            cell(body, "affected", affectedList(affected.get(operation.id()), live, operation));
            body.append("</tr>");
        }
        body.append("</tbody></table></section>");
    }

    private String affectedList(
            @Nullable List<String> childIds, Map<String, InstanceRecord> live, OperationRecord operation) {
        if (childIds == null || childIds.isEmpty()) {
            return switch (operation.kind()) {
                case UPDATE, UPGRADE, RECREATE -> "none";
                case DEPLOY, DELETE -> "-";
            };
        }
        StringBuilder list = new StringBuilder("<ul class=\"affected\">");
        for (String id : childIds) {
            InstanceRecord child = live.get(id);
            String label = child != null
                    ? or(child.instanceName(), "(unnamed)")
                    : this.instances
                            .findInstance(id)
                            .map(gone -> or(gone.instanceName(), "(unnamed)") + ", deleted")
                            .orElse("(discarded)");
            list.append("<li><code>")
                    .append(e(id))
                    .append("</code> ")
                    .append(e(label))
                    .append("</li>");
        }
        return list.append("</ul>").toString();
    }

    private String planName(String serviceId, String planId) {
        return bundle.plan(serviceId, planId).map(PlanModel::name).orElse(planId);
    }

    /** A page around {@code body} (already HTML), titled {@code title} (plain text); also for the error pages. */
    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + e(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:90em}"
                + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}"
                + "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1.2em}dt{font-weight:bold}dd{margin:0}"
                + "table{border-collapse:collapse}td,th{padding:.3em .7em;text-align:left;vertical-align:top;"
                + "border-bottom:1px solid #ddd}th{background:#f4f4f4}code{font-size:.9em}"
                + "ul.affected{margin:0;padding-left:1.1em}.note{color:#555}"
                + "</style></head><body><h1>" + e(title) + "</h1>" + body + "</body></html>";
    }

    private static void row(StringBuilder body, String label, @Nullable String value) {
        row(body, label, value, null);
    }

    private static void row(StringBuilder body, String label, @Nullable String value, @Nullable String id) {
        body.append("<dt>").append(e(label)).append("</dt><dd");
        if (id != null) {
            body.append(" id=\"cluster-").append(id).append('"');
        }
        body.append('>').append(e(or(value, "-"))).append("</dd>");
    }

    private static void cell(StringBuilder body, String column, String html) {
        body.append("<td class=\"").append(column).append("\">").append(html).append("</td>");
    }

    private static String link(String url, String text) {
        return "<a href=\"" + e(url) + "\" rel=\"noreferrer noopener\">" + e(text) + "</a>";
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String shortId(String commitId) {
        return commitId.length() > 12 ? commitId.substring(0, 12) : commitId;
    }

    private static String or(@Nullable String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    static String e(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
