package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dedicate.broker.http.FuzzedBroker.Reply;
import java.util.Arrays;
import java.util.UUID;

/**
 * Fuzzes the OSB request bodies over real HTTP against the running broker ({@link FuzzedBroker}): the first byte of an
 * input chooses the request, the rest is its body, sent as it is. A crash is a 5xx answer (the broker's answer to
 * an uncaught exception), a broken connection, or a hang (over 60 s on one input, -Pfuzz).
 *
 * <ul>
 *   <li>{@code 0}: provision a new instance ({@code PUT /v2/service_instances/NEW?accepts_incomplete=true});
 *   <li>{@code 1}: update the ready cluster ({@code PATCH}; an accepted update is reported succeeded at once, so the
 *       cluster stays usable);
 *   <li>{@code 2}: update the child database inside it;
 *   <li>{@code 3}: bind the child database ({@code PUT .../service_bindings/NEW}: a real user on the test MariaDB);
 *   <li>{@code 4}: bind the cluster (never bindable).
 * </ul>
 *
 * <p>In the normal build this runs the kept corpus ({@code OsbRequestFuzzTestInputs/request/}) as regression tests;
 * {@code -Pfuzz} fuzzes it (see the README, "Fuzzing").
 */
class OsbRequestFuzzTest {

    @FuzzTest(maxDuration = "630s")
    void request(byte[] input) throws Exception {
        FuzzedBroker fuzzed = FuzzedBroker.get();
        if (input.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        String fresh = UUID.randomUUID().toString();
        String instances = "/v2/service_instances/";
        Reply reply = switch (Math.floorMod(input[0], 5)) {
            case 0 -> fuzzed.osb("PUT", instances + fresh + "?accepts_incomplete=true", body);
            case 1 -> {
                Reply update = fuzzed.osb("PATCH", instances + fuzzed.cluster + "?accepts_incomplete=true", body);
                String operation = FuzzedBroker.operationOf(update);
                if (update.status() == 202 && operation != null) {
                    OsbClient.Answer ended = fuzzed.report(operation, "succeeded");
                    assertThat(ended.status())
                            .as("the report of an accepted update: " + ended)
                            .isEqualTo(200);
                }
                yield update;
            }
            case 2 -> fuzzed.osb("PATCH", instances + fuzzed.child + "?accepts_incomplete=true", body);
            case 3 -> fuzzed.osb("PUT", instances + fuzzed.child + "/service_bindings/" + fresh, body);
            default -> fuzzed.osb("PUT", instances + fuzzed.cluster + "/service_bindings/" + fresh, body);
        };
        assertThat(reply.status()).as(reply.toString()).isLessThan(500);
    }
}
