package io.dedicate.broker.report;

import io.dedicate.broker.refusal.PathSegments;
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

    public ReportController(OperationReports reports) {
        this.reports = reports;
    }

    @PostMapping(path = "/operations/{operationId}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> report(
            @PathVariable String operationId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestBody(required = false) @Nullable String body) {
        if (!PathSegments.isSafe(operationId)) {
            return error(404, "operation " + PathSegments.printable(operationId) + " does not exist");
        }
        try {
            OperationState state = reports.accept(operationId, authorization, body);
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
