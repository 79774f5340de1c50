package io.dedicate.compiler.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.dsl.Diagnostic;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders diagnostics for tools and CI: a JSON array with one object per diagnostic.
 *
 * <pre>
 * [ {
 *   "file" : "offerings/mysql.offering",
 *   "line" : 12,
 *   "column" : 11,
 *   "end" : { "line" : 12, "column" : 23 },
 *   "severity" : "error",
 *   "code" : "unknown-plan",
 *   "message" : "plan `cluster-smal` is not declared (did you mean `cluster-small`?)",
 *   "hint" : "declared plans are cluster-small, cluster-large, database"
 * } ]
 * </pre>
 *
 * Lines and columns are 1-based; {@code end} is the position just after the span. {@code hint} is
 * null when there is none.
 */
public final class JsonDiagnosticRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(List<Diagnostic> diagnostics) {
        ArrayNode array = JSON.createArrayNode();
        for (Diagnostic diagnostic : diagnostics) {
            ObjectNode node = array.addObject();
            node.put("file", diagnostic.span().file());
            node.put("line", diagnostic.span().line());
            node.put("column", diagnostic.span().column());
            ObjectNode end = node.putObject("end");
            end.put("line", diagnostic.span().endLine());
            end.put("column", diagnostic.span().endColumn());
            node.put("severity", diagnostic.severity().label());
            node.put("code", diagnostic.code());
            node.put("message", diagnostic.message());
            node.put("hint", diagnostic.hint());
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
