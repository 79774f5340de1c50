package io.dedicate.broker.dashboard;

import io.dedicate.broker.children.ChildDrivers;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.osb.BrokerCredentials;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.secrets.DashboardLinks;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceKind;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.bundle.load.LoadedBundle;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard/instances/{id}}: a cluster's dashboard ({@link ClusterPage}), the {@code dashboard_url} the
 * broker hands out for a cluster and for each of its children.
 *
 * <p>Who may look: whoever holds a signed link that has not expired ({@code ?expires=...&sig=...}, see {@link
 * DashboardLinks}; what provision and GET instance hand out, so the platform's users, for whom {@code cf service NAME}
 * shows it), and operators with the broker's basic-auth credentials. The broker's {@code BasicAuthFilter} does not
 * cover {@code /dashboard/*}; this controller checks both itself. Answers: 200 with the page; 303 to the cluster's page
 * for a child's ID; 401 (with a basic-auth challenge) when neither a link nor credentials are presented; 403 for an
 * expired or altered link, saying how to get a fresh one; 404 for an instance that does not exist. The access check
 * comes first, so nobody learns without access whether an ID exists. Every answer is {@code Cache-Control: no-store},
 * {@code Referrer-Policy: no-referrer}, and a content security policy that allows no script.
 */
@RestController
public class DashboardController {

    private static final String SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final LoadedBundle bundle;
    private final InstanceStore instances;
    private final OperationStore operations;
    private final ChildStore children;
    private final BindingStore bindings;
    private final BrokerCredentials credentials;
    private final DashboardLinks signedLinks;
    private final OperationLinks links;
    private final ChildDrivers drivers;

    /**
     * @param credentials the broker's basic-auth credentials, which open every dashboard
     * @param signedLinks checks the signed links
     * @param links the broker's URLs: fresh signed links, Concourse pipelines
     * @param drivers what the children's drivers still have in progress (a cluster's broker creating a child)
     */
    public DashboardController(
            LoadedBundle bundle,
            InstanceStore instances,
            OperationStore operations,
            ChildStore children,
            BindingStore bindings,
            BrokerCredentials credentials,
            DashboardLinks signedLinks,
            OperationLinks links,
            ChildDrivers drivers) {
        this.bundle = bundle;
        this.instances = instances;
        this.operations = operations;
        this.children = children;
        this.bindings = bindings;
        this.credentials = credentials;
        this.signedLinks = signedLinks;
        this.links = links;
        this.drivers = drivers;
    }

    /** The page of the cluster {@code instanceId}, or of the cluster of the child {@code instanceId}. */
    @GetMapping(path = "/dashboard/instances/{instanceId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> instance(
            @PathVariable String instanceId,
            @RequestParam(name = "expires", required = false) @Nullable String expires,
            @RequestParam(name = "sig", required = false) @Nullable String sig,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        boolean operator = credentials.matches(authorization);
        if (!operator) {
            DashboardLinks.Verdict verdict = signedLinks.check(instanceId, expires, sig);
            switch (verdict) {
                case VALID -> {}
                case ABSENT -> {
                    return unauthorized();
                }
                case EXPIRED -> {
                    return expired(DashboardLinks.expiry(expires));
                }
                case FORGED -> {
                    return forged();
                }
            }
        }
        Optional<InstanceRecord> found =
                PathSegments.isSafe(instanceId) ? instances.findInstance(instanceId) : Optional.empty();
        if (found.isEmpty()) {
            return html(
                    HttpStatus.NOT_FOUND,
                    "Service instance not found",
                    "<p>No service instance <code>" + ClusterPage.e(PathSegments.printable(instanceId))
                            + "</code> exists in this broker. Check the GUID with <code>cf service NAME --guid</code>.</p>");
        }
        InstanceRecord instance = found.get();
        String clusterId = instance.clusterId();
        if (instance.kind() == InstanceKind.CHILD && clusterId != null) {
            // a child's dashboard is its cluster's; operators keep their credentials, others get a fresh link
            String target = operator ? "/dashboard/instances/" + clusterId : links.dashboardUrl(clusterId);
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .headers(commonHeaders())
                    .location(URI.create(target))
                    .build();
        }
        return ResponseEntity.ok()
                .headers(commonHeaders())
                .contentType(MediaType.TEXT_HTML)
                .body(new ClusterPage(
                                bundle, instances, operations, children, bindings, links, drivers::operationInProgress)
                        .render(instance));
    }

    private ResponseEntity<String> unauthorized() {
        HttpHeaders headers = commonHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dedicate broker\", charset=\"UTF-8\"");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .headers(headers)
                .contentType(MediaType.TEXT_HTML)
                .body(ClusterPage.page(
                        "Sign-in needed",
                        "<p>This dashboard opens with the link the platform shows: run <code>cf service NAME</code>"
                                + " (NAME: your cluster or one of its databases) and open its dashboard URL.</p>"
                                + "<p class=\"note\">Operators may sign in with the broker's credentials.</p>"));
    }

    private ResponseEntity<String> expired(@Nullable Instant expiry) {
        String when = expiry == null
                ? ""
                : " on " + DateTimeFormatter.ISO_INSTANT.format(expiry.truncatedTo(ChronoUnit.SECONDS));
        return html(
                HttpStatus.FORBIDDEN,
                "Dashboard link expired",
                "<p>This dashboard link expired" + ClusterPage.e(when) + ": links are valid for "
                        + ClusterPage.e(human(signedLinks.validity().toSeconds())) + ".</p>" + freshLinkHint());
    }

    private ResponseEntity<String> forged() {
        return html(
                HttpStatus.FORBIDDEN,
                "Dashboard link not valid",
                "<p>This dashboard link is not valid: it was altered or cut, or it was signed with another"
                        + " broker key.</p>" + freshLinkHint());
    }

    private static String freshLinkHint() {
        return "<p>To get a fresh link, run <code>cf service NAME</code> (NAME: your cluster or one of its"
                + " databases) and open the dashboard URL it shows.</p>";
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status)
                .headers(commonHeaders())
                .contentType(MediaType.TEXT_HTML)
                .body(ClusterPage.page(title, body));
    }

    private static HttpHeaders commonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore());
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", SECURITY_POLICY);
        return headers;
    }

    private static String human(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + (seconds == 3_600 ? " hour" : " hours");
        }
        return seconds + " seconds";
    }
}
