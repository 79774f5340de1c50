package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dedicate.broker.http.FuzzedBroker.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes the signed report endpoint ({@code POST /operations/ID/report}) over real HTTP against the running broker
 * ({@link FuzzedBroker}): the first byte of an input chooses how it is signed, the rest is the body, sent as it is.
 * Most inputs are signed right, so the body reaches the report's parsing and the state store; an accepted report ends
 * its operation, and the next input reports on a new cluster's operation. A crash is a 5xx, a broken connection or a
 * hang (over 60 s on one input, -Pfuzz).
 *
 * <ul>
 *   <li>{@code 0} to {@code 5}: signed right for an operation in progress;
 *   <li>{@code 6}: signed right for an operation that does not exist;
 *   <li>{@code 7}: the body up to its first newline, the next line as the signature header (usually wrong; the
 *       control characters no HTTP client can send in a header left out).
 * </ul>
 *
 * <p>In the normal build this runs the kept corpus ({@code ReportFuzzTestInputs/report/}) as regression tests;
 * {@code -Pfuzz} fuzzes it (see the README, "Fuzzing").
 */
class ReportFuzzTest {

    private static @Nullable String inProgress;

    @FuzzTest(maxDuration = "630s")
    void report(byte[] input) throws Exception {
        FuzzedBroker fuzzed = FuzzedBroker.get();
        if (input.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        int mode = Math.floorMod(input[0], 8);
        Reply reply;
        if (mode == 6) {
            String unknown = UUID.randomUUID().toString();
            reply = fuzzed.report(unknown, body, Signatures.sign(RunningBroker.REPORT_SIGNING_KEY, unknown, body));
        } else if (mode == 7) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            int newline = text.indexOf('\n');
            String signature = newline < 0 ? null : headerValue(text.substring(newline + 1));
            byte[] report = newline < 0 ? body : text.substring(0, newline).getBytes(StandardCharsets.ISO_8859_1);
            reply = fuzzed.report(
                    operation(fuzzed), report, signature == null || signature.isEmpty() ? null : signature);
        } else {
            String operation = operation(fuzzed);
            reply = fuzzed.report(operation, body, Signatures.sign(RunningBroker.REPORT_SIGNING_KEY, operation, body));
            if (reply.status() == 200) {
                inProgress = null;
            }
        }
        assertThat(reply.status()).as(reply.toString()).isLessThan(500);
    }

    /**
     * The second line of {@code text} as an HTTP header value: the control characters no client can send in a header
     * (a line break, NUL...) are left out, so every input reaches the broker instead of failing in the test's client.
     */
    private static String headerValue(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        StringBuilder value = new StringBuilder();
        line.chars().filter(c -> c == '\t' || (c >= 0x20 && c != 0x7f)).forEach(c -> value.append((char) c));
        return value.toString().strip();
    }

    /** An operation in progress: the provision of a new cluster (each in its own organization: no quota is reached). */
    private static synchronized String operation(FuzzedBroker fuzzed) {
        if (inProgress == null) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> body = ClusterLifeContract.provisionBody(FuzzedBroker.SMALL, Map.of());
            String org = UUID.randomUUID().toString();
            body.put("organization_guid", org);
            Map<String, Object> context = ClusterLifeContract.context("fuzz-" + id);
            context.put("organization_guid", org);
            body.put("context", context);
            OsbClient.Answer created =
                    fuzzed.osb.put(ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            inProgress = created.text("operation");
        }
        return inProgress;
    }
}
