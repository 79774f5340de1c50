package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.secrets.DashboardLinks;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.OperationStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster dashboard and the update cascade over plain HTTP (no browser): who may open the page (a signed link
 * that has not expired, or the broker's credentials), what it shows (every child, which operation affected which
 * child) and never shows (secret outputs, binding credentials), HTML escaping of hostile names, and a child's GET
 * marker going from pending to updated when the cluster's update reports.
 */
class DashboardTest {

    static final String HOSTILE = "<script>alert('x')</script>\"&";

    @TempDir
    Path data;

    DashboardCluster cluster;

    @BeforeEach
    void start() {
        cluster = new DashboardCluster(data, "team-cluster", Map.of());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aSignedLinkOpensThePageWithoutCredentialsUntilItExpires() {
        String url = cluster.dashboardUrl();
        assertThat(url)
                .startsWith(cluster.broker.baseUrl() + "/dashboard/instances/" + cluster.clusterId + "?expires=");
        assertThat(url).contains("&sig=");
        Answer page = cluster.anonymous(url);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains(cluster.clusterId)
                .contains("team-cluster")
                .contains("cluster-small");

        String bare = url.substring(0, url.indexOf('?'));
        Answer unsigned = cluster.anonymous(bare);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.body()).contains("cf service NAME");
        Answer operator = cluster.osb.get(bare.replace(cluster.broker.baseUrl(), ""));
        assertThat(operator.status()).as(operator.toString()).isEqualTo(200);
        assertThat(operator.body()).contains(cluster.clusterId);
        assertThat(cluster.osb
                        .with("Authorization", OsbClient.basic(RunningBroker.USERNAME, "wrong"))
                        .get(bare.replace(cluster.broker.baseUrl(), ""))
                        .status())
                .isEqualTo(401);

        // signed by this broker's key, but two days ago for one day
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        DashboardLinks old = new DashboardLinks(cluster.broker.bean(SecretBox.class), Duration.ofDays(1), past);
        Answer expired = cluster.anonymous(bare + "?" + old.query(cluster.clusterId));
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body())
                .contains("expired")
                .contains("cf service NAME")
                .doesNotContain("team-cluster");

        String query = url.substring(url.indexOf('?') + 1);
        String expires = query.substring("expires=".length(), query.indexOf('&'));
        String sig = query.substring(query.indexOf("&sig=") + "&sig=".length());
        String later = String.valueOf(Long.parseLong(expires) + 86_400);
        Answer extended = cluster.anonymous(bare + "?expires=" + later + "&sig=" + sig);
        assertThat(extended.status()).isEqualTo(403);
        assertThat(extended.body()).contains("not valid").contains("cf service NAME");
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertThat(cluster.anonymous(bare + "?expires=" + expires + "&sig=" + flipped)
                        .status())
                .isEqualTo(403);
        assertThat(cluster.anonymous(bare + "?expires=" + expires).status()).isEqualTo(403);
        assertThat(cluster.anonymous(bare + "?expires=99999999999999999999&sig=" + sig)
                        .status())
                .isEqualTo(403);

        // a link signed for one instance opens no other
        String child = cluster.child("100mb", "orders-db");
        Answer otherInstance =
                cluster.anonymous(cluster.broker.baseUrl() + "/dashboard/instances/" + child + "?" + query);
        assertThat(otherInstance.status()).isEqualTo(403);
        // without access nobody learns whether an instance exists; operators get a 404 page
        assertThat(cluster.anonymous(cluster.broker.baseUrl() + "/dashboard/instances/no-such-instance?" + query)
                        .status())
                .isEqualTo(403);
        Answer unknown = cluster.osb.get("/dashboard/instances/no-such-instance");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no-such-instance");
    }

    @Test
    void thePageHasNoStoreAndNoReferrerHeaders() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cluster.dashboardUrl()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));
        assertThat(response.body()).doesNotContain("<script");
    }

    @Test
    void aChildsDashboardIsItsClustersPage() {
        String child = cluster.child("100mb", "orders-db");
        JsonNode fetched = cluster.fetch(child);
        String url = fetched.get("dashboard_url").asText();
        assertThat(url).contains("/dashboard/instances/" + cluster.clusterId + "?");
        Answer page = cluster.anonymous(url);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(child).contains("orders-db");
        // an operator who opens the child's own page is sent to the cluster's
        Answer redirected = cluster.osb.get("/dashboard/instances/" + child);
        assertThat(redirected.status()).isEqualTo(303);
        assertThat(cluster.osb.get("/dashboard/instances/" + cluster.clusterId).body())
                .contains(child);
    }

    @Test
    void withConcourseTheOperationsLinkToThePipelineAndTheDashboardStaysTheBrokers() {
        try (DashboardCluster withConcourse = new DashboardCluster(
                data.resolve("concourse"),
                "ci-cluster",
                Map.of("dedicate.concourse.url", "https://ci.example.com/", "dedicate.concourse.team", "dbs"))) {
            String url = withConcourse.dashboardUrl();
            assertThat(url).startsWith(withConcourse.broker.baseUrl() + "/dashboard/instances/");
            Answer page = withConcourse.anonymous(url);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .contains("<a href=\"https://ci.example.com/teams/dbs/pipelines/dedicated-cluster?vars.instance=%22"
                            + withConcourse.clusterId + "%22\"");
        }
    }

    @Test
    void thePageListsEveryChildAndWhichOperationAffectedWhichButNoSecret() {
        String orders = cluster.child("100mb", "orders-db");
        String billing = cluster.child("1gb", "billing-db");
        String unbound = cluster.child("100mb", "archive-db");
        JsonNode credentials = cluster.bind(orders, "100mb");
        cluster.bind(orders, "100mb");
        cluster.bind(billing, "1gb");
        String update = cluster.update(null, Map.of("max_connections", 3000));
        assertThat(cluster.report("succeeded", Map.of()).status()).isEqualTo(200);
        String late = cluster.child("100mb", "late-db");

        String page = cluster.anonymous(cluster.dashboardUrl()).body();
        for (String id : List.of(orders, billing, unbound, late)) {
            assertThat(page).contains("<td class=\"guid\"><code>" + id + "</code></td>");
        }
        assertThat(row(page, orders))
                .contains("orders-db")
                .contains("<td class=\"plan\">100mb</td>")
                .contains("<td class=\"bindings\">2</td>")
                .contains("<td class=\"state\">ready</td>")
                .contains("<td class=\"cascade\">updated (update of ");
        assertThat(row(page, billing)).contains("1gb").contains("<td class=\"bindings\">1</td>");
        assertThat(row(page, unbound)).contains("<td class=\"bindings\">0</td>");
        assertThat(row(page, late)).contains("<td class=\"cascade\">-</td>");
        // children sorted by name
        assertThat(page.indexOf(row(page, unbound)))
                .isLessThan(page.indexOf(row(page, billing)))
                .isLessThan(page.indexOf(row(page, late)));
        assertThat(page.indexOf(row(page, late))).isLessThan(page.indexOf(row(page, orders)));

        String operation = operationRow(page, update);
        assertThat(operation)
                .contains(orders)
                .contains(billing)
                .contains(unbound)
                .doesNotContain(late);
        assertThat(cluster.broker.bean(OperationStore.class).affectedChildren(update))
                .containsExactlyElementsOf(
                        List.of(orders, billing, unbound).stream().sorted().toList());

        assertThat(page)
                .doesNotContain(cluster.adminPassword)
                .doesNotContain(credentials.get("password").asText())
                .doesNotContain(credentials.get("username").asText())
                .doesNotContain(RunningBroker.REPORT_SIGNING_KEY);
    }

    @Test
    void hostileNamesAreEscaped() {
        // the platform renames the cluster through an update's context: no operation, the name is stored
        Map<String, Object> rename = ClusterLifeContract.update(null, Map.of());
        rename.put("context", ClusterLifeContract.context(HOSTILE));
        Answer renamed =
                cluster.osb.patch(DashboardCluster.path(cluster.clusterId) + "?accepts_incomplete=true", rename);
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        String child = cluster.child("100mb", HOSTILE + "-db");
        Answer page = cluster.anonymous(cluster.dashboardUrl());
        assertThat(page.status()).isEqualTo(200);
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;";
        assertThat(page.body())
                .doesNotContain("<script>")
                .doesNotContain(HOSTILE)
                .contains("<title>" + escaped)
                .contains(escaped + "-db")
                .contains(child);
        assertThat(cluster.fetch(child).get("parameters").get("cluster").asText())
                .isEqualTo(HOSTILE);
    }

    @Test
    void aChildShowsItsClustersPlanAndTheUpdateThatAffectsIt() {
        String child = cluster.child("100mb", "orders-db");
        JsonNode before = cluster.fetch(child);
        assertThat(before.get("plan_id").asText()).isEqualTo(cluster.childPlan("100mb"));
        JsonNode parameters = before.get("parameters");
        assertThat(parameters.get("cluster").asText()).isEqualTo("team-cluster");
        assertThat(parameters.get("cluster_id").asText()).isEqualTo(cluster.clusterId);
        assertThat(parameters.get("cluster_plan").asText()).isEqualTo("cluster-small");
        assertThat(parameters.has("cluster_update")).isFalse();

        String update = cluster.update(DashboardCluster.LARGE, Map.of());
        JsonNode pending = cluster.fetch(child);
        assertThat(pending.get("plan_id").asText()).isEqualTo(cluster.childPlan("100mb"));
        assertThat(pending.get("parameters").get("cluster_plan").asText()).isEqualTo("cluster-small");
        JsonNode marker = pending.get("parameters").get("cluster_update");
        assertThat(marker.get("operation").asText()).isEqualTo(update);
        assertThat(marker.get("kind").asText()).isEqualTo("update");
        assertThat(marker.get("state").asText()).isEqualTo("pending");
        assertThat(marker.get("plan").asText()).isEqualTo("cluster-large");

        assertThat(cluster.report("succeeded", Map.of()).status()).isEqualTo(200);
        JsonNode updated = cluster.fetch(child);
        assertThat(updated.get("parameters").get("cluster_plan").asText()).isEqualTo("cluster-large");
        assertThat(updated.get("parameters").get("cluster_update").get("state").asText())
                .isEqualTo("updated");
        assertThat(updated.get("plan_id").asText()).isEqualTo(cluster.childPlan("100mb"));

        cluster.update(null, Map.of("max_connections", 3000));
        assertThat(cluster.report("failed", Map.of()).status()).isEqualTo(200);
        JsonNode failed = cluster.fetch(child).get("parameters");
        assertThat(failed.get("cluster_update").get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("cluster_plan").asText()).isEqualTo("cluster-large");

        String late = cluster.child("100mb", "late-db");
        assertThat(cluster.fetch(late).get("parameters").has("cluster_update")).isFalse();
    }

    /** The table row of child {@code id}. */
    static String row(String page, String id) {
        int start = page.indexOf("<tr class=\"child\" data-guid=\"" + id + "\">");
        assertThat(start).as("row of child " + id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** The table row of operation {@code id}. */
    static String operationRow(String page, String id) {
        int start = page.indexOf("<tr class=\"operation\" data-operation=\"" + id + "\">");
        assertThat(start).as("row of operation " + id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
