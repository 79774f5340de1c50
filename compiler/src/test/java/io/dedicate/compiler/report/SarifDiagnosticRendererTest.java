package io.dedicate.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SARIF output validated against the SARIF 2.1.0 JSON schema (src/test/resources/sarif, see
 * SOURCE.md there), on the real offerings and on every broken golden case.
 */
class SarifDiagnosticRendererTest {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SARIF = sarifSchema();

    @Test
    void theRealOfferingsGiveAValidLog() throws IOException {
        Path offerings = REPO.resolve("offerings");
        CompileResult result =
                new OfferingCompiler().compile(List.of(offerings)).result();
        JsonNode log = valid(new SarifDiagnosticRenderer("1.2.3", offerings).render(result.diagnostics()));
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(1, log.get("runs").size());
        JsonNode driver = log.get("runs").get(0).get("tool").get("driver");
        assertEquals("dedicate", driver.get("name").asText());
        assertEquals("1.2.3", driver.get("version").asText());
        assertEquals(
                result.diagnostics().size(),
                log.get("runs").get(0).get("results").size());
    }

    @Test
    void everyBrokenGoldenCaseGivesAValidLogWithOneResultPerDiagnostic() throws IOException {
        List<Path> inputs;
        try (Stream<Path> cases = Files.list(REPO.resolve("golden"))) {
            inputs = cases.map(c -> c.resolve("input"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        }
        int broken = 0;
        for (Path input : inputs) {
            List<Diagnostic> diagnostics =
                    new OfferingCompiler().compile(List.of(input)).result().diagnostics();
            if (diagnostics.isEmpty()) {
                continue;
            }
            broken++;
            String sarif = new SarifDiagnosticRenderer("1.2.3", input).render(diagnostics);
            assertEquals(sarif, new SarifDiagnosticRenderer("1.2.3", input).render(diagnostics), "deterministic");
            Path base = input.toAbsolutePath().normalize();
            JsonNode run = valid(sarif).get("runs").get(0);
            Set<String> ruleIds = new HashSet<>();
            for (JsonNode rule : run.get("tool").get("driver").get("rules")) {
                ruleIds.add(rule.get("id").asText());
                assertNotEquals(
                        rule.get("id").asText(),
                        rule.get("shortDescription").get("text").asText(),
                        "a description from the catalogue");
            }
            JsonNode results = run.get("results");
            assertEquals(diagnostics.size(), results.size(), input.toString());
            for (int i = 0; i < diagnostics.size(); i++) {
                Diagnostic diagnostic = diagnostics.get(i);
                JsonNode result = results.get(i);
                assertEquals(diagnostic.code(), result.get("ruleId").asText());
                assertTrue(ruleIds.contains(diagnostic.code()));
                assertEquals(
                        diagnostic.isError() ? "error" : "warning",
                        result.get("level").asText());
                assertEquals(
                        diagnostic.message(), result.get("message").get("text").asText());
                SourceSpan span = diagnostic.span();
                if (span.equals(SourceSpan.NONE)) {
                    continue;
                }
                JsonNode location = result.get("locations").get(0).get("physicalLocation");
                Path file = Path.of(span.file()).toAbsolutePath().normalize();
                if (file.startsWith(base)) {
                    assertEquals(
                            base.relativize(file).toString(),
                            location.get("artifactLocation").get("uri").asText());
                }
                JsonNode region = location.get("region");
                assertEquals(span.line(), region.get("startLine").asInt());
                assertEquals(span.column(), region.get("startColumn").asInt());
                assertEquals(span.endLine(), region.get("endLine").asInt());
                assertEquals(span.endColumn(), region.get("endColumn").asInt());
            }
        }
        assertTrue(broken > 50, "broken golden cases: " + broken);
    }

    @Test
    void theUnknownPlanCase() throws IOException {
        Path input = REPO.resolve("golden/unknown-plan/input");
        List<Diagnostic> diagnostics =
                new OfferingCompiler().compile(List.of(input)).result().diagnostics();
        JsonNode run = valid(new SarifDiagnosticRenderer("1.2.3", input).render(diagnostics))
                .get("runs")
                .get(0);
        JsonNode rule = run.get("tool").get("driver").get("rules").get(0);
        assertEquals("unknown-plan", rule.get("id").asText());
        assertEquals(
                "plan `…` is not declared",
                rule.get("shortDescription").get("text").asText());
        JsonNode result = run.get("results").get(0);
        assertEquals(0, result.get("ruleIndex").asInt());
        assertEquals("error", result.get("level").asText());
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals(
                "broken.offering", location.get("artifactLocation").get("uri").asText());
        assertEquals(14, location.get("region").get("startLine").asInt());
        assertEquals(20, location.get("region").get("startColumn").asInt());
        assertEquals(24, location.get("region").get("endColumn").asInt());
        assertTrue(result.get("properties").get("hint").asText().startsWith("declared plans are"));
    }

    @Test
    void theSchemaRefusesAnInvalidLog() {
        List<Error> errors = SARIF.validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}", InputFormat.JSON);
        assertFalse(errors.isEmpty(), "a run without tool.driver is invalid: the schema does check");
    }

    private static JsonNode valid(String sarif) throws IOException {
        List<Error> errors = SARIF.validate(sarif, InputFormat.JSON);
        assertTrue(errors.isEmpty(), errors + "\n" + sarif);
        return JSON.readTree(sarif);
    }

    private static Schema sarifSchema() {
        try (InputStream in = Objects.requireNonNull(
                SarifDiagnosticRendererTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
