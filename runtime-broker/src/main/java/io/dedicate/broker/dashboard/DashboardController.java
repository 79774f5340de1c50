package io.dedicate.broker.dashboard;

import io.dedicate.broker.offering.LoadedBundle;
import io.dedicate.broker.offering.OfferingModel;
import io.dedicate.broker.offering.PlanModel;
import io.dedicate.broker.osb.PathSegments;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.StateStore;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /dashboard/instances/{id}}: the cluster's plan, state and last operations, as a
 * small HTML page behind the broker's basic auth (the {@code dashboard_url} when the broker is
 * not told a Concourse URL). Every value is HTML-escaped; no secret is shown.
 */
@RestController
public class DashboardController {

    private static final int OPERATIONS = 20;

    private final LoadedBundle bundle;
    private final StateStore store;

    public DashboardController(LoadedBundle bundle, StateStore store) {
        this.bundle = bundle;
        this.store = store;
    }

    @GetMapping(path = "/dashboard/instances/{instanceId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> instance(@PathVariable String instanceId) {
        Optional<InstanceRecord> found =
                PathSegments.isSafe(instanceId) ? store.findInstance(instanceId) : Optional.empty();
        if (found.isEmpty()) {
            return ResponseEntity.status(404)
                    .contentType(MediaType.TEXT_HTML)
                    .body(page(
                            "Not found", "<p>No service instance " + e(PathSegments.printable(instanceId)) + ".</p>"));
        }
        InstanceRecord instance = found.get();
        Optional<OfferingModel> offering = bundle.offering(instance.serviceId());
        String plan = offering.flatMap(o -> o.plan(instance.planId()))
                .map(PlanModel::name)
                .orElse(instance.planId());
        StringBuilder body = new StringBuilder();
        body.append("<dl>");
        row(body, "Service", offering.map(OfferingModel::name).orElse(instance.serviceId()));
        row(body, "Instance", instance.id());
        row(body, "Name", instance.instanceName());
        row(
                body,
                "Org / space",
                or(instance.orgName(), instance.orgGuid()) + " / " + or(instance.spaceName(), instance.spaceGuid()));
        row(body, "Plan", plan);
        row(body, "State", instance.status().wire());
        row(body, "Repository folder", instance.gitPath());
        body.append("</dl><h2>Operations</h2><table><thead><tr><th>Started</th><th>Operation</th><th>State</th>"
                + "<th>Description</th><th>Ended</th><th>Commit</th></tr></thead><tbody>");
        for (OperationRecord operation : store.operations(instance.id(), OPERATIONS)) {
            body.append("<tr><td>")
                    .append(time(operation.startedAt()))
                    .append("</td><td>")
                    .append(e(operation.kind().wire()))
                    .append("</td><td>")
                    .append(e(operation.state().wire()))
                    .append("</td><td>")
                    .append(e(or(operation.description(), "")))
                    .append("</td><td>")
                    .append(time(operation.finishedAt()))
                    .append("</td><td><code>")
                    .append(e(
                            operation.commitId() == null
                                    ? operation.commitState().wire()
                                    : shortId(operation.commitId())))
                    .append("</code></td></tr>");
        }
        body.append("</tbody></table>");
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .body(page(or(instance.instanceName(), instance.id()), body.toString()));
    }

    private static void row(StringBuilder body, String label, @Nullable String value) {
        body.append("<dt>")
                .append(e(label))
                .append("</dt><dd>")
                .append(e(or(value, "-")))
                .append("</dd>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + e(title)
                + "</title><style>body{font-family:sans-serif;margin:2em}dt{font-weight:bold}"
                + "td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #ddd}</style></head><body><h1>"
                + e(title) + "</h1>" + body + "</body></html>";
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : e(instant.toString());
    }

    private static String shortId(String commitId) {
        return commitId.length() > 12 ? commitId.substring(0, 12) : commitId;
    }

    private static String or(@Nullable String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
