package io.dedicate.broker.report;

import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.secrets.ReportSigningKey;
import io.dedicate.broker.state.OperationState;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /operations/{id}/report}: where a pipeline's last step reports, outside {@code /v2} and without the
 * broker's credentials, signed with {@code X-Dedicate-Signature: sha256=HEX} (HMAC-SHA256 of the operation id, a
 * newline and the body, keyed by the report signing key). Answers 200 {@code {"operation", "state"}}, or an error
 * {@code {"description"}}.
 *
 * <p>In order: a body over {@value #MAX_BODY_BYTES} bytes is refused with 413 before it is read (by its {@code
 * Content-Length}, or once that many bytes have been read of a chunked body); then the signature is checked, before
 * the operation is even looked up, so that without the key every report answers the same 401 whether or not the
 * operation exists; only then 404 unknown operation, 409 ended, 400 bad body.
 */
@RestController
public class ReportController {

    /** The largest report body: a report holds a state, a description and a few outputs of at most 16 KiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final OperationReports reports;
    private final ReportSigningKey signingKey;

    public ReportController(OperationReports reports, ReportSigningKey signingKey) {
        this.reports = reports;
        this.signingKey = signingKey;
    }

    @PostMapping(path = "/operations/{operationId}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> report(@PathVariable String operationId, HttpServletRequest request)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body = readBounded(request.getInputStream());
        if (body == null) {
            return tooLarge();
        }
        String signature = request.getHeader(ReportSigningKey.HEADER);
        if (!PathSegments.isSafe(operationId) || !signingKey.verifies(operationId, body, signature)) {
            return error(
                    401,
                    "the report is not signed for this operation: send " + ReportSigningKey.HEADER
                            + ": sha256=HMAC-SHA256(report_signing_key, OPERATION_ID + \"\\n\" + BODY) in hex");
        }
        try {
            OperationState state = reports.accept(operationId, new String(body, StandardCharsets.UTF_8));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("operation", operationId);
            answer.put("state", state.wire());
            return ResponseEntity.ok(answer);
        } catch (OperationReports.RefusedReport refused) {
            return error(refused.status(), refused.getMessage());
        }
    }

    /** The body, or null when it is longer than {@link #MAX_BODY_BYTES} (reading stops there). */
    private static byte @Nullable [] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > MAX_BODY_BYTES) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ResponseEntity<Map<String, Object>> tooLarge() {
        return ResponseEntity.status(413)
                .header(HttpHeaders.CONNECTION, "close")
                .body(Map.of(
                        "error",
                        "PayloadTooLarge",
                        "description",
                        "the report is larger than " + MAX_BODY_BYTES + " bytes"));
    }

    private static ResponseEntity<Map<String, Object>> error(int status, @Nullable String description) {
        return ResponseEntity.status(status).body(Map.of("description", description == null ? "refused" : description));
    }
}
