package io.dedicate.broker.drivers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An OSB 2.17 client of a dedicated cluster's own service broker, for the {@code delegate} child driver: the children
 * of such a cluster are that broker's service instances, created, bound, unbound and deleted through it with the
 * child's own instance and binding IDs.
 *
 * <p>Every call sends {@code X-Broker-API-Version: 2.17}, basic auth, a fresh {@code X-Broker-API-Request-Identity}
 * and the platform's {@code X-Broker-API-Originating-Identity} when there is one; it gives up after the connect
 * timeout and after the read timeout. The broker's {@code /v2/catalog} maps the service and plan <em>names</em> of a
 * child plan's driver settings to that broker's IDs; it is cached per broker URL for a short time.
 *
 * <p>Answers: the statuses a call expects come back as an {@link Answer}; 400, 409, 410 and 422 that it does not expect
 * throw a {@link ClusterBrokerRefusal} carrying the broker's description (the platform can act on it); anything else
 * (unreachable, time-out, 401, 5xx, a body that is not a JSON object) throws a {@link ChildDriverException} naming the
 * cluster and the broker's URL, never its password.
 */
public final class ClusterBrokerClient {

    /** The OSB version this client speaks. */
    public static final String API_VERSION = "2.17";

    /** The largest answer body read from a cluster broker. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final Set<Integer> PASSED_ON = Set.of(400, 409, 410, 422);

    private final Duration connectTimeout;
    private volatile @Nullable HttpClient http;
    private final Duration readTimeout;
    private final Duration catalogTtl;
    private final Clock clock;
    private final Map<URI, CachedCatalog> catalogs = new ConcurrentHashMap<>();

    /**
     * A client whose connections give up after {@code connectTimeout}, whose calls give up after {@code readTimeout},
     * and which reads a broker's catalog again once it is older than {@code catalogTtl}.
     */
    public ClusterBrokerClient(Duration connectTimeout, Duration readTimeout, Duration catalogTtl, Clock clock) {
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
        Objects.requireNonNull(catalogTtl, "catalogTtl");
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.catalogTtl = catalogTtl;
        this.clock = clock;
    }

    /**
     * The HTTP client, built on first use: building it sets up TLS (the JDK's default SSL context reads its trust
     * store) and starts a selector thread, a cost a broker without delegated children should not pay at start-up.
     */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** A service and plan of the cluster broker, by its IDs. */
    public record RemotePlan(String serviceId, String planId) {}

    /**
     * An answer the call expected.
     *
     * @param status the HTTP status
     * @param body the JSON object of the body (empty for an empty body)
     */
    public record Answer(int status, Map<String, Object> body) {

        public Answer {
            body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        }

        /** The {@code operation} of a 202, if the broker sent one. */
        public @Nullable String operation() {
            Object operation = body.get("operation");
            return operation == null ? null : operation.toString();
        }

        /** The {@code dashboard_url}, if the broker sent one. */
        public @Nullable String dashboardUrl() {
            Object url = body.get("dashboard_url");
            return url == null ? null : url.toString();
        }

        /** The binding's {@code credentials} (empty when absent or not an object). */
        public Map<String, Object> credentials() {
            Object credentials = body.get("credentials");
            Map<String, Object> copy = new LinkedHashMap<>();
            if (credentials instanceof Map<?, ?> map) {
                map.forEach((key, value) -> copy.put(String.valueOf(key), value));
            }
            return copy;
        }

        /** Never shows the body: it may hold credentials. */
        @Override
        public String toString() {
            return "Answer[status=" + status + ", body=(" + body.size() + " fields)]";
        }
    }

    /**
     * The state of an asynchronous operation on the cluster broker.
     *
     * @param state {@code in progress}, {@code succeeded} or {@code failed} as OSB says it; {@code gone} when the
     *     broker answered 410 (for a deletion: done)
     * @param description the broker's description, if any
     */
    public record RemoteState(String state, @Nullable String description) {

        /** The state the broker answers 410 with. */
        public static final String GONE = "gone";
    }

    // ------------------------------------------------------------------ catalog

    /**
     * The IDs of service {@code serviceName} and its plan {@code planName} in the cluster broker's catalog.
     *
     * @throws ChildDriverException if the broker offers no such service or plan (the message lists what it offers), or
     *     cannot be read
     */
    public RemotePlan plan(ClusterBrokerEndpoint broker, String serviceName, String planName) {
        JsonNode catalog = catalog(broker);
        List<String> offered = new ArrayList<>();
        for (JsonNode service : catalog.path("services")) {
            List<String> plans = new ArrayList<>();
            for (JsonNode plan : service.path("plans")) {
                plans.add(plan.path("name").asText());
            }
            offered.add(service.path("name").asText() + " (plans " + String.join(", ", plans) + ")");
            if (!service.path("name").asText().equals(serviceName)) {
                continue;
            }
            for (JsonNode plan : service.path("plans")) {
                if (plan.path("name").asText().equals(planName)) {
                    String serviceId = service.path("id").asText();
                    String planId = plan.path("id").asText();
                    if (serviceId.isEmpty() || planId.isEmpty()) {
                        throw new ChildDriverException(where(broker) + ": its catalog gives no id to service "
                                + serviceName + " or its plan " + planName);
                    }
                    return new RemotePlan(serviceId, planId);
                }
            }
        }
        throw new ChildDriverException(where(broker) + " offers no service `" + serviceName + "` with a plan `"
                + planName + "`; it offers: " + (offered.isEmpty() ? "nothing" : String.join("; ", offered))
                + ". Fix the child plan's `driver delegate { service ...; plan ... }` in the offering");
    }

    private JsonNode catalog(ClusterBrokerEndpoint broker) {
        Instant now = clock.instant();
        CachedCatalog cached = catalogs.get(broker.url());
        if (cached != null && now.isBefore(cached.fetchedAt().plus(catalogTtl))) {
            return cached.catalog();
        }
        Answer answer = exchange(broker, "GET", "/v2/catalog", null, null, Set.of(200), "read the catalog");
        JsonNode catalog = JSON.valueToTree(answer.body());
        if (!catalog.path("services").isArray()) {
            throw new ChildDriverException(where(broker) + ": its catalog has no `services` list");
        }
        catalogs.put(broker.url(), new CachedCatalog(catalog, now));
        return catalog;
    }

    private record CachedCatalog(JsonNode catalog, Instant fetchedAt) {}

    // ------------------------------------------------------------------ instances

    /**
     * {@code PUT /v2/service_instances/:id}: 201 or 200 (created), or 202 (being created, with its {@code operation}).
     */
    public Answer provision(
            ClusterBrokerEndpoint broker,
            String instanceId,
            RemotePlan plan,
            Map<String, Object> context,
            Map<String, Object> parameters,
            boolean acceptsIncomplete,
            @Nullable String originatingIdentity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", plan.serviceId());
        body.put("plan_id", plan.planId());
        body.put("context", context);
        putGuid(body, context, "organization_guid");
        putGuid(body, context, "space_guid");
        body.put("parameters", parameters);
        return exchange(
                broker,
                "PUT",
                instancePath(instanceId) + "?accepts_incomplete=" + acceptsIncomplete,
                body,
                originatingIdentity,
                Set.of(200, 201, 202),
                "create service instance " + instanceId);
    }

    /** {@code DELETE /v2/service_instances/:id}: 200 (deleted), 202 (being deleted) or 410 (already gone). */
    public Answer deprovision(
            ClusterBrokerEndpoint broker,
            String instanceId,
            RemotePlan plan,
            boolean acceptsIncomplete,
            @Nullable String originatingIdentity) {
        return exchange(
                broker,
                "DELETE",
                instancePath(instanceId) + "?accepts_incomplete=" + acceptsIncomplete + "&" + ids(plan),
                null,
                originatingIdentity,
                Set.of(200, 202, 410),
                "delete service instance " + instanceId);
    }

    /** {@code GET /v2/service_instances/:id/last_operation}; a 410 is {@link RemoteState#GONE}. */
    public RemoteState lastOperation(
            ClusterBrokerEndpoint broker, String instanceId, RemotePlan plan, @Nullable String operation) {
        return state(exchange(
                broker,
                "GET",
                instancePath(instanceId) + "/last_operation?" + ids(plan) + operationQuery(operation),
                null,
                null,
                Set.of(200, 410),
                "read the last operation of service instance " + instanceId));
    }

    // ------------------------------------------------------------------ bindings

    /**
     * {@code PUT /v2/service_instances/:id/service_bindings/:binding_id?accepts_incomplete=...}: 201 or 200 (with its
     * credentials), or 202 (being created). The platform's {@code bind_resource} and {@code context} are sent as given
     * (left out when empty).
     */
    public Answer bind(
            ClusterBrokerEndpoint broker,
            String instanceId,
            String bindingId,
            RemotePlan plan,
            Map<String, Object> context,
            Map<String, Object> bindResource,
            Map<String, Object> parameters,
            boolean acceptsIncomplete,
            @Nullable String originatingIdentity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", plan.serviceId());
        body.put("plan_id", plan.planId());
        if (!context.isEmpty()) {
            body.put("context", context);
        }
        if (!bindResource.isEmpty()) {
            body.put("bind_resource", bindResource);
        }
        body.put("parameters", parameters);
        return exchange(
                broker,
                "PUT",
                bindingPath(instanceId, bindingId) + "?accepts_incomplete=" + acceptsIncomplete,
                body,
                originatingIdentity,
                Set.of(200, 201, 202),
                "create binding " + bindingId);
    }

    /** {@code GET /v2/service_instances/:id/service_bindings/:binding_id}: the binding once it is created (200). */
    public Answer fetchBinding(
            ClusterBrokerEndpoint broker, String instanceId, String bindingId, @Nullable String originatingIdentity) {
        return exchange(
                broker,
                "GET",
                bindingPath(instanceId, bindingId),
                null,
                originatingIdentity,
                Set.of(200),
                "fetch binding " + bindingId);
    }

    /** {@code DELETE .../service_bindings/:binding_id?accepts_incomplete=...}: 200, 202, or 410 (already gone). */
    public Answer unbind(
            ClusterBrokerEndpoint broker,
            String instanceId,
            String bindingId,
            RemotePlan plan,
            boolean acceptsIncomplete,
            @Nullable String originatingIdentity) {
        return exchange(
                broker,
                "DELETE",
                bindingPath(instanceId, bindingId) + "?accepts_incomplete=" + acceptsIncomplete + "&" + ids(plan),
                null,
                originatingIdentity,
                Set.of(200, 202, 410),
                "delete binding " + bindingId);
    }

    /** {@code GET .../service_bindings/:binding_id/last_operation}; a 410 is {@link RemoteState#GONE}. */
    public RemoteState bindingLastOperation(
            ClusterBrokerEndpoint broker,
            String instanceId,
            String bindingId,
            RemotePlan plan,
            @Nullable String operation) {
        return state(exchange(
                broker,
                "GET",
                bindingPath(instanceId, bindingId) + "/last_operation?" + ids(plan) + operationQuery(operation),
                null,
                null,
                Set.of(200, 410),
                "read the last operation of binding " + bindingId));
    }

    // ------------------------------------------------------------------ HTTP

    private Answer exchange(
            ClusterBrokerEndpoint broker,
            String method,
            String path,
            @Nullable Object body,
            @Nullable String originatingIdentity,
            Set<Integer> expected,
            String what) {
        URI uri = broker.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Authorization", basic(broker))
                .header("X-Broker-API-Version", API_VERSION)
                .header("X-Broker-API-Request-Identity", UUID.randomUUID().toString())
                .header("Accept", "application/json");
        if (originatingIdentity != null && !originatingIdentity.isBlank()) {
            request.header("X-Broker-API-Originating-Identity", originatingIdentity);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(json(body)));
        }
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new ChildDriverException(
                    where(broker) + " did not answer in time to " + what + " (" + method + " " + uri.getPath() + ")");
        } catch (IOException e) {
            throw new ChildDriverException(where(broker) + " cannot be reached to " + what + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildDriverException(where(broker) + ": interrupted while trying to " + what);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ChildDriverException(
                    where(broker) + " answered more than " + MAX_BODY_BYTES + " bytes to " + what);
        }
        int status = response.statusCode();
        Map<String, Object> parsed = parse(bytes);
        if (expected.contains(status)) {
            if (parsed == null) {
                throw new ChildDriverException(where(broker) + " answered " + status + " to " + what
                        + " with a body that is not a JSON object: " + excerpt(bytes));
            }
            return new Answer(status, parsed);
        }
        if (PASSED_ON.contains(status)) {
            Object description = parsed == null ? null : parsed.get("description");
            Object error = parsed == null ? null : parsed.get("error");
            throw new ClusterBrokerRefusal(
                    status,
                    error == null ? null : error.toString(),
                    description == null
                            ? "it answered " + status + " to " + what + " without a description"
                            : description.toString());
        }
        if (status == 401 || status == 403) {
            throw new ChildDriverException(where(broker) + " refused the broker's credentials (" + status + ") to "
                    + what + ": check the cluster's broker_username and broker_password outputs");
        }
        Object description = parsed == null ? null : parsed.get("description");
        throw new ChildDriverException(where(broker) + " answered " + status + " to " + what
                + (description == null ? "" : ": " + description));
    }

    private static @Nullable Map<String, Object> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            return JSON.convertValue(node, MAP);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static RemoteState state(Answer answer) {
        Object description = answer.body().get("description");
        String text = description == null ? null : description.toString();
        if (answer.status() == 410) {
            return new RemoteState(RemoteState.GONE, text);
        }
        Object state = answer.body().get("state");
        if (state == null) {
            throw new ChildDriverException("a last_operation answer carries no `state`");
        }
        return new RemoteState(state.toString(), text);
    }

    private static void putGuid(Map<String, Object> body, Map<String, Object> context, String name) {
        Object value = context.get(name);
        if (value != null) {
            body.put(name, value);
        }
    }

    private static String instancePath(String instanceId) {
        return "/v2/service_instances/" + segment(instanceId);
    }

    private static String bindingPath(String instanceId, String bindingId) {
        return instancePath(instanceId) + "/service_bindings/" + segment(bindingId);
    }

    private static String ids(RemotePlan plan) {
        return "service_id=" + query(plan.serviceId()) + "&plan_id=" + query(plan.planId());
    }

    private static String operationQuery(@Nullable String operation) {
        return operation == null ? "" : "&operation=" + query(operation);
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static String basic(ClusterBrokerEndpoint broker) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((broker.username() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** "cluster NAME's broker at URL", as every message names a cluster broker. */
    public static String where(ClusterBrokerEndpoint broker) {
        return "cluster " + broker.clusterName() + "'s broker at " + broker.url();
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String excerpt(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}]", " ")
                .strip();
        return text.isEmpty() ? "(empty)" : "`" + text + (bytes.length > 120 ? "...`" : "`");
    }

    private static void requirePositive(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}
