package io.dedicate.broker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.broker.osb.PathSegments;
import io.dedicate.broker.state.OperationState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /operations/{id}/report}: where a pipeline's last step reports, outside {@code /v2}
 * and without the broker's credentials, with {@code Authorization: Bearer TOKEN} (the operation's
 * own token). Answers 200 {@code {"operation", "state"}}, or an error {@code {"description"}}.
 */
@RestController
public class ReportController {

    private final OperationReports reports;
    private final ObjectMapper json;

    public ReportController(OperationReports reports, ObjectMapper json) {
        this.reports = reports;
        this.json = json;
    }

    @PostMapping(path = "/operations/{operationId}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> report(
            @PathVariable String operationId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestBody(required = false) @Nullable String body) {
        if (!PathSegments.isSafe(operationId)) {
            return error(404, "operation " + PathSegments.printable(operationId) + " does not exist");
        }
        JsonNode report;
        try {
            report = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return error(
                    400,
                    "the report is not valid JSON: line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        }
        if (report == null || report.isMissingNode()) {
            return error(400, "the report is empty: send {state, description, outputs}");
        }
        try {
            OperationState state = reports.accept(operationId, authorization, report);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("operation", operationId);
            answer.put("state", state.wire());
            return ResponseEntity.ok(answer);
        } catch (OperationReports.RefusedReport refused) {
            return error(refused.status(), refused.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(int status, @Nullable String description) {
        return ResponseEntity.status(status).body(Map.of("description", description == null ? "refused" : description));
    }
}
