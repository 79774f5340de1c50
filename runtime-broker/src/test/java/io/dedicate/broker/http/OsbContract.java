package io.dedicate.broker.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The independent definition of the OSB API: {@code ../shared/osb/openapi.yaml} (v2.17), read with
 * Atlassian's swagger-request-validator. Every response of the broker under test is checked
 * against it. Absent file: the tests fail and say where it was expected.
 */
final class OsbContract {

    private static final OpenApiInteractionValidator VALIDATOR = load();

    /**
     * Statuses the written specification prescribes but the OpenAPI file does not list on every
     * operation: 412 (unsupported {@code X-Broker-API-Version}) and 401 (no credentials, on the
     * catalog).
     */
    private static final java.util.Set<Integer> UNLISTED_BUT_SPECIFIED = java.util.Set.of(401, 412);

    private OsbContract() {}

    static Path location() {
        String root = System.getProperty("dedicate.repo.root");
        if (root == null) {
            fail("system property dedicate.repo.root is not set (the build sets it to the repository root);"
                    + " the OSB description is expected at <repo root>/../shared/osb/openapi.yaml");
        }
        return Path.of(root).resolve("../shared/osb/openapi.yaml").normalize();
    }

    private static OpenApiInteractionValidator load() {
        Path path = location();
        if (!Files.isRegularFile(path)) {
            System.err.println(
                    "!!! OSB OpenAPI description ABSENT at " + path + ": broker responses cannot be validated");
            throw new AssertionError("the OSB OpenAPI description is missing: expected " + path
                    + " (../shared/osb/openapi.yaml next to the repository)");
        }
        return OpenApiInteractionValidator.createForSpecificationUrl(
                        path.toUri().toString())
                .build();
    }

    /**
     * Fails if the response does not conform to the description of {@code method path}, including a
     * status the description does not list for the operation (but for {@link
     * #UNLISTED_BUT_SPECIFIED}).
     */
    static void assertConforms(String method, String path, int status, String contentType, String body) {
        body = withoutFieldsOnlySwaggerLists(path, body);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType(contentType);
        if (!body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report =
                VALIDATOR.validateResponse(templatePath(path), Request.Method.valueOf(method), response.build());
        var errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                // a path the description does not have (a test of unknown endpoints) has nothing to conform to
                .filter(m -> !m.getKey().equals("validation.request.path.missing"))
                .filter(m -> !(UNLISTED_BUT_SPECIFIED.contains(status)
                        && m.getKey().equals("validation.response.status.unknown")))
                .filter(m -> !(fetchWhileUpdating(method, path, status)
                        && m.getKey().equals("validation.response.status.unknown")))
                .toList();
        if (!errors.isEmpty()) {
            fail(method + " " + path + " -> " + status + " does not conform to the OSB OpenAPI description:\n"
                    + errors.stream()
                            .map(m -> "  " + m.getKey() + ": " + m.getMessage())
                            .collect(Collectors.joining("\n"))
                    + "\nbody: " + body);
        }
    }

    /**
     * 422 on fetching an instance: the written specification (spec.md of v2.17, "Fetching a Service Instance") says it
     * "MUST be returned if the Service Instance is being updated and therefore cannot be fetched at this time" with
     * error code {@code ConcurrencyError}; {@code openapi.yaml} lists only 200 and 404 for the operation.
     */
    private static boolean fetchWhileUpdating(String method, String path, int status) {
        return status == 422 && method.equals("GET") && templatePath(path).matches("/v2/service_instances/[^/]+");
    }

    /**
     * The catalog's {@code instances_retrievable}, {@code bindings_retrievable} and {@code
     * allow_context_updates} are in the specification and in {@code swagger.yaml}, but missing from
     * {@code openapi.yaml}'s {@code Service} (which forbids additional properties): they are removed
     * before the check, and checked against {@code swagger.yaml}'s names here.
     */
    private static String withoutFieldsOnlySwaggerLists(String path, String body) {
        if (!templatePath(path).equals("/v2/catalog") || body.isEmpty()) {
            return body;
        }
        try {
            String swagger = Files.readString(location().resolveSibling("swagger.yaml"));
            com.fasterxml.jackson.databind.node.ObjectNode catalog =
                    (com.fasterxml.jackson.databind.node.ObjectNode) OsbClient.JSON.readTree(body);
            for (com.fasterxml.jackson.databind.JsonNode service : catalog.path("services")) {
                for (String field : SWAGGER_ONLY) {
                    if (service.has(field) && !swagger.contains(field + ":")) {
                        fail("catalog field " + field + " is in neither OSB description");
                    }
                    ((com.fasterxml.jackson.databind.node.ObjectNode) service).remove(field);
                }
            }
            return OsbClient.JSON.writeValueAsString(catalog);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final java.util.List<String> SWAGGER_ONLY =
            java.util.List.of("instances_retrievable", "bindings_retrievable", "allow_context_updates");

    private static String templatePath(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
