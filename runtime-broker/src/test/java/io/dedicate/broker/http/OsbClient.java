package io.dedicate.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Talks to the broker as Cloud Foundry's Cloud Controller does: basic auth on every call, {@code
 * X-Broker-API-Version: 2.17}, {@code X-Broker-API-Originating-Identity} and {@code
 * X-Broker-API-Request-Identity}, no cookies. Every {@code /v2} response is checked against the
 * OSB OpenAPI description when its status is one the description lists.
 */
final class OsbClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean checked = true;

    OsbClient(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
        headers.put("Authorization", basic(RunningBroker.USERNAME, RunningBroker.PASSWORD));
        headers.put("X-Broker-API-Version", "2.17");
        headers.put("X-Broker-API-Originating-Identity", originatingIdentity("user-1234"));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String originatingIdentity(String userId) {
        return "cloudfoundry "
                + Base64.getEncoder()
                        .encodeToString(("{\"user_id\":\"" + userId + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of this client with one header replaced (null: removed). */
    OsbClient with(String header, @Nullable String value) {
        OsbClient copy = new OsbClient(baseUrl);
        copy.headers.clear();
        copy.headers.putAll(headers);
        if (value == null) {
            copy.headers.remove(header);
        } else {
            copy.headers.put(header, value);
        }
        return copy;
    }

    /** A response: status, content type, body text and the body as JSON (null when not JSON). */
    record Answer(
            int status,
            String contentType,
            String body,
            @Nullable JsonNode json) {
        String text(String field) {
            return json == null || json.get(field) == null
                    ? ""
                    : json.get(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    Answer patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * A PUT whose answer is not checked against the OSB OpenAPI description: for the 502 the broker answers when a
     * cluster-side component (a child driver, a cluster's own broker) fails, a status the description does not list.
     */
    Answer putUnchecked(String path, Object body) {
        OsbClient unchecked = with("X-Unchecked", null);
        unchecked.checked = false;
        return unchecked.put(path, body);
    }

    /** A DELETE whose answer is not checked against the OSB specification (for a 502 from a broker it calls). */
    Answer deleteUnchecked(String path) {
        OsbClient unchecked = with("X-Unchecked", null);
        unchecked.checked = false;
        return unchecked.delete(path);
    }

    /**
     * Posts {@code body} to a report URL ({@code .../operations/ID/report}) as a pipeline's last step does: no
     * Authorization, signed with {@link RunningBroker#REPORT_SIGNING_KEY} over the operation id the URL names.
     */
    Answer report(String reportUrl, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            return reportRaw(
                    reportUrl, bytes, Signatures.sign(RunningBroker.REPORT_SIGNING_KEY, operationOf(reportUrl), bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts {@code body} to a report URL with {@code signature} (null: no signature header) and no Authorization. */
    Answer reportRaw(String reportUrl, byte[] body, @Nullable String signature) {
        OsbClient reporter = with("Authorization", null).with("X-Dedicate-Signature", signature);
        return reporter.exchange("POST", reportUrl, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The operation id in {@code .../operations/ID/report}. */
    static String operationOf(String reportUrl) {
        String path = URI.create(reportUrl).getPath();
        String suffix = "/report";
        int operations = path.lastIndexOf("/operations/");
        if (!path.endsWith(suffix) || operations < 0) {
            throw new AssertionError("not a report URL: " + reportUrl);
        }
        return path.substring(operations + "/operations/".length(), path.length() - suffix.length());
    }

    /** Sends raw text as the body (for malformed JSON). */
    Answer sendRaw(String method, String path, String body) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofString(body));
    }

    Answer send(String method, String path, @Nullable Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            return exchange(method, path, publisher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer exchange(String method, String path, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body)
                .header("Content-Type", "application/json")
                .header("X-Broker-API-Request-Identity", UUID.randomUUID().toString());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (contentType.startsWith("application/json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            Answer answer = new Answer(response.statusCode(), contentType, response.body(), json);
            if (checked && path.startsWith("/v2/")) {
                OsbContract.assertConforms(
                        method,
                        path,
                        answer.status(),
                        contentType.isEmpty() ? "application/json" : contentType,
                        answer.body());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
