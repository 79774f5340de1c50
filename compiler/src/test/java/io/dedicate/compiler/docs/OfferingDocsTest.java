package io.dedicate.compiler.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.OfferingCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation of the real MySQL offering against the catalog compiled from the same model:
 * every plan (name, ID, cost), every parameter of every plan schema and the commands appear in both
 * forms; hostile text in the offering stays text in both.
 */
class OfferingDocsTest {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."));
    private static final Path OFFERINGS = REPO.resolve("offerings");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyPlanAndParameterOfTheCatalogIsDocumented() throws IOException {
        Bundle bundle = new OfferingCompiler().compile(List.of(OFFERINGS));
        assertFalse(bundle.result().hasErrors(), bundle.result().diagnostics().toString());
        SortedMap<String, String> docs = OfferingDocs.render(bundle.result().offerings());
        assertEquals(List.of("mysql-on-demand.html", "mysql-on-demand.md"), List.copyOf(docs.keySet()));
        JsonNode catalog = JSON.readTree(bundle.files().text("catalog.json"));
        int plans = 0;
        int parameters = 0;
        for (JsonNode service : catalog.get("services")) {
            for (String doc : docs.values()) {
                assertTrue(doc.contains(service.get("name").asText()), "service name");
                assertTrue(doc.contains(service.get("id").asText()), "service ID");
            }
            for (JsonNode plan : service.get("plans")) {
                plans++;
                String name = plan.get("name").asText();
                for (String doc : docs.values()) {
                    assertTrue(doc.contains(name), "plan " + name);
                    assertTrue(doc.contains(plan.get("id").asText()), "plan ID of " + name);
                    assertTrue(
                            doc.contains(
                                    "cf create-service " + service.get("name").asText() + " " + name + " "),
                            "the create-service command of " + name);
                    if (plan.get("bindable").asBoolean()) {
                        assertTrue(
                                doc.contains("-c &#39;{&quot;cluster&quot;: ") || doc.contains("-c '{\"cluster\": "),
                                "the cluster parameter in the command of " + name);
                    }
                    if (plan.has("costs")) {
                        for (JsonNode cost : plan.get("costs")) {
                            Iterator<String> currencies = cost.get("amount").fieldNames();
                            String currency = currencies.next();
                            String amount = cost.get("amount")
                                    .get(currency)
                                    .decimalValue()
                                    .setScale(2)
                                    .toPlainString();
                            assertTrue(
                                    doc.contains(amount + " " + currency.toUpperCase(java.util.Locale.ROOT)),
                                    "cost " + amount + " of " + name);
                        }
                    }
                }
                for (JsonNode schema : schemas(plan)) {
                    Iterator<String> names =
                            schema.path("parameters").path("properties").fieldNames();
                    while (names.hasNext()) {
                        String parameter = names.next();
                        parameters++;
                        assertTrue(
                                java.util.Objects.requireNonNull(docs.get("mysql-on-demand.md"))
                                        .contains("| `" + parameter + "` |"),
                                "parameter " + parameter + " of plan " + name + " has a row in the Markdown");
                        assertTrue(
                                java.util.Objects.requireNonNull(docs.get("mysql-on-demand.html"))
                                        .contains("<tr><td><code>" + parameter + "</code>"),
                                "parameter " + parameter + " of plan " + name + " has a row in the HTML");
                    }
                }
            }
        }
        assertEquals(5, plans);
        assertTrue(parameters > 20, "parameters checked: " + parameters);
        String md = java.util.Objects.requireNonNull(docs.get("mysql-on-demand.md"));
        assertTrue(
                md.contains(
                        "| `cluster-small` | 3 mysql nodes, 1 proxy, 10 GB disk | mysql × 3, proxy × 1; VM type small;"
                                + " disk 10GB; AZs z1, z2, z3 | 120.00 USD monthly | `cluster-large` | 2h |"),
                md);
        assertTrue(
                md.contains("| `innodb_buffer_pool_size` | bytes | `\"1GB\"` | 128MB..64GB | no |"
                        + " cluster create, cluster update |"),
                md);
        assertTrue(
                md.contains(
                        "| `major_version` | enum(\"5.7\", \"8.0\") | `\"8.0\"` | one of the values | yes | cluster create |"),
                md);
        assertTrue(md.contains("credentials `hostname`, `port`, `name`, `username`, `password`, `uri`, `jdbcUrl`"), md);
        assertTrue(md.contains("cf bind-service my-app my-100mb-instance"), md);
        assertEquals(
                docs,
                OfferingDocs.render(new OfferingCompiler()
                        .compile(List.of(OFFERINGS))
                        .result()
                        .offerings()),
                "deterministic");
    }

    private static List<JsonNode> schemas(JsonNode plan) {
        JsonNode schemas = plan.path("schemas");
        return Stream.of(
                        schemas.path("service_instance").path("create"),
                        schemas.path("service_instance").path("update"),
                        schemas.path("service_binding").path("create"))
                .filter(node -> !node.isMissingNode())
                .toList();
    }

    @Test
    void textFromTheOfferingStaysTextInBothForms() throws IOException {
        Path copy = tmp.resolve("offerings");
        try (Stream<Path> walk = Files.walk(OFFERINGS)) {
            for (Path source : walk.toList()) {
                Path to = copy.resolve(OFFERINGS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to);
                }
            }
        }
        Path file = copy.resolve("mysql.offering");
        String hostile = "<script>alert('x')</script> | *bold* [link](javascript:alert(1)) & `tick` \\\\ _u_";
        String text = Files.readString(file, StandardCharsets.UTF_8)
                .replace(
                        "description \"3 mysql nodes, 1 proxy, 10 GB disk\"",
                        "description \"" + hostile.replace("\\\\", "\\\\\\\\").replace("\"", "\\\"") + "\"");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Bundle bundle = new OfferingCompiler().compile(List.of(copy));
        assertFalse(bundle.result().hasErrors(), bundle.result().diagnostics().toString());
        SortedMap<String, String> docs = OfferingDocs.render(bundle.result().offerings());

        String html = java.util.Objects.requireNonNull(docs.get("mysql-on-demand.html"));
        assertFalse(html.contains("<script"), "no script element");
        assertTrue(
                html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | *bold* [link](javascript:alert(1))"
                        + " &amp; `tick`"),
                html);
        assertFalse(html.contains("href=\"javascript"), "no javascript link");

        String md = java.util.Objects.requireNonNull(docs.get("mysql-on-demand.md"));
        assertTrue(
                md.contains("\\<script\\>alert('x')\\</script\\> \\| \\*bold\\* \\[link\\](javascript:alert(1))"
                        + " \\& \\`tick\\`"),
                md);
        String row = md.lines().filter(l -> l.contains("alert(")).findFirst().orElseThrow();
        assertEquals(9, row.split("(?<!\\\\)\\|", -1).length, "the row keeps its 7 columns: " + row);
    }
}
