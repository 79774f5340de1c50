package io.dedicate.compiler.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders diagnostics as a SARIF 2.1.0 log, for code-review tools that annotate pull requests.
 *
 * <p>One run; {@code tool.driver} names {@code dedicate}, its version and one rule per code that
 * occurs (sorted by code, described from the message catalogues); one result per diagnostic, in
 * diagnostic order, with its level ({@code error}, {@code warning}), message, rule, and physical
 * location: the file's URI relative to the checked directory (a file outside it keeps its path as
 * displayed) and the region (1-based lines and columns, the end column just after the span, as SARIF
 * wants). A diagnostic with no place in a file ({@code <built-in>}) has no location. The hint is in
 * the result's property bag. Nothing depends on the machine or the time: the same diagnostics give
 * the same bytes.
 */
public final class SarifDiagnosticRenderer {

    /** The OASIS schema of SARIF 2.1.0 (errata 01), as SARIF logs name it in {@code $schema}. */
    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String toolVersion;
    private final Path base;

    /**
     * @param toolVersion the version of {@code dedicate} that checked
     * @param base the checked directory: file URIs are relative to it
     */
    public SarifDiagnosticRenderer(String toolVersion, Path base) {
        this.toolVersion = toolVersion;
        this.base = base.toAbsolutePath().normalize();
    }

    public String render(List<Diagnostic> diagnostics) {
        ObjectNode log = JSON.createObjectNode();
        log.put("version", "2.1.0"); // first, as the specification recommends
        log.put("$schema", SCHEMA);
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dedicate");
        driver.put("version", toolVersion);
        Map<String, Integer> ruleIndex = new TreeMap<>();
        diagnostics.stream()
                .map(Diagnostic::code)
                .sorted()
                .distinct()
                .forEach(code -> ruleIndex.put(code, ruleIndex.size()));
        ArrayNode rules = driver.putArray("rules");
        for (String code : ruleIndex.keySet()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", code);
            rule.put("name", code);
            rule.putObject("shortDescription")
                    .put("text", RuleDescriptions.of(code).orElse(code));
        }
        ArrayNode results = run.putArray("results");
        for (Diagnostic diagnostic : diagnostics) {
            ObjectNode result = results.addObject();
            result.put("ruleId", diagnostic.code());
            result.put("ruleIndex", ruleIndex.get(diagnostic.code()));
            result.put("level", diagnostic.isError() ? "error" : "warning");
            result.putObject("message").put("text", diagnostic.message());
            SourceSpan span = diagnostic.span();
            if (!span.equals(SourceSpan.NONE)) {
                ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(span.file()));
                ObjectNode region = physical.putObject("region");
                region.put("startLine", span.line());
                region.put("startColumn", span.column());
                region.put("endLine", span.endLine());
                region.put("endColumn", span.endColumn());
            }
            if (diagnostic.hint() != null) {
                result.putObject("properties").put("hint", diagnostic.hint());
            }
        }
        try {
            return JSON.writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's path relative to the checked directory, as a URI reference (spaces and the like escaped). */
    private String uri(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        String relative = path.startsWith(base) ? base.relativize(path).toString() : file;
        try {
            return new URI(null, null, relative.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + file, e);
        }
    }
}
