package io.dedicate.bundle.parameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.ParameterModel;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.ParameterType;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.Quantity;
import io.dedicate.bundle.model.WhenAbsent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks request parameters against the plan's JSON Schema (draft-04, networknt json-schema-validator;
 * every schema of the bundle compiled once, here) and against what model.json says and the schema
 * cannot: the range of byte sizes and durations written as strings ({@code "64MB"}), create-only
 * parameters on update, secrets. Then normalises: {@code "2GB"} becomes {@code 2147483648L}, {@code
 * "5m"} {@code 300L}, integers {@code Long}, numbers {@code BigDecimal}; absent parameters take their
 * default or, on update, their current value.
 *
 * <p>Every violation is collected and reported at once ({@link InvalidParametersException}), each
 * with its JSON path and a message that names the expected type or limit (in the unit the user
 * wrote), never a secret value and never a Java class name. Thread-safe.
 */
public final class ParameterValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many characters of a refused value (or name) a message shows at most. */
    private static final int SHOWN = 100;

    private final Map<String, Schema> schemas = new HashMap<>();

    /** Compiles every parameter schema of {@code bundle}. */
    public ParameterValidator(LoadedBundle bundle) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        for (OfferingModel offering : bundle.offerings()) {
            for (PlanModel plan : offering.plans()) {
                for (String path : plan.schemas().values()) {
                    schemas.computeIfAbsent(path, p -> registry.getSchema(bundle.schema(p)));
                }
            }
        }
    }

    /**
     * Takes the raw OSB {@code parameters} value of a request (absent means none) as an object.
     *
     * @throws InvalidParametersException naming {@code $} when it is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parametersObject(@Nullable Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw new InvalidParametersException(List.of(new Violation("$", "must be a JSON object")));
                }
            }
            return (Map<String, Object>) map;
        }
        throw new InvalidParametersException(
                List.of(new Violation("$", "must be a JSON object (got " + kind(JSON.valueToTree(raw)) + ")")));
    }

    /**
     * Cluster create.
     *
     * @param requested the OSB {@code parameters} object, as Jackson reads it (String, Integer, Long,
     *     Double, BigDecimal, Boolean, Map, List, null values)
     * @return every parameter of {@code cluster_create}: requested values normalised, absent ones
     *     with their default (left out when they have none)
     * @throws InvalidParametersException listing every violation
     */
    public ValidatedParameters clusterCreate(OfferingModel offering, PlanModel plan, Map<String, Object> requested) {
        return validate(offering, plan, ParameterScope.CLUSTER_CREATE, PlanModel.INSTANCE_CREATE, requested, Map.of());
    }

    /**
     * Cluster update, against the target plan's update schema. A create-only parameter in {@code
     * requested} is a violation ({@code is create-only}). Absent parameters keep their current value
     * ({@code when_absent keep}) or take their default; create-only parameters keep their current
     * values in the result, which the manifest still needs.
     *
     * @param current the instance's current normalised values
     * @throws InvalidParametersException listing every violation
     */
    public ValidatedParameters clusterUpdate(
            OfferingModel offering, PlanModel target, Map<String, Object> requested, Map<String, Object> current) {
        return validate(offering, target, ParameterScope.CLUSTER_UPDATE, PlanModel.INSTANCE_UPDATE, requested, current);
    }

    /** Child create ({@code child_create}), same rules as {@link #clusterCreate}. */
    public ValidatedParameters childCreate(OfferingModel offering, PlanModel plan, Map<String, Object> requested) {
        return validate(offering, plan, ParameterScope.CHILD_CREATE, PlanModel.INSTANCE_CREATE, requested, Map.of());
    }

    /** Binding create ({@code binding_create}), same rules as {@link #clusterCreate}. */
    public ValidatedParameters bindingCreate(OfferingModel offering, PlanModel plan, Map<String, Object> requested) {
        return validate(offering, plan, ParameterScope.BINDING_CREATE, PlanModel.BINDING_CREATE, requested, Map.of());
    }

    private ValidatedParameters validate(
            OfferingModel offering,
            PlanModel plan,
            ParameterScope scope,
            String request,
            Map<String, Object> requested,
            Map<String, Object> current) {
        Map<String, ParameterModel> declared = new LinkedHashMap<>();
        offering.parameters(scope).forEach(parameter -> declared.put(parameter.name(), parameter));
        Map<String, ParameterModel> createOnly = new LinkedHashMap<>();
        if (scope == ParameterScope.CLUSTER_UPDATE) {
            for (ParameterModel parameter : offering.parameters(ParameterScope.CLUSTER_CREATE)) {
                if (parameter.flags().createOnly() && !declared.containsKey(parameter.name())) {
                    createOnly.put(parameter.name(), parameter);
                }
            }
        }
        JsonNode tree = JSON.valueToTree(requested);
        List<Violation> violations = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            String name = entry.getKey();
            if (createOnly.containsKey(name)) {
                violations.add(
                        new Violation(path(name), "is create-only: it can only be set when the cluster is created"));
                reported.add(name);
            } else if (!declared.containsKey(name)) {
                violations.add(new Violation(path(name), unknown(name, plan, declared.keySet())));
                reported.add(name);
            }
        }
        for (Error error : schema(plan, request).validate(tree)) {
            String name = parameterName(error);
            if (name != null && reported.contains(name)) {
                continue;
            }
            ParameterModel parameter = name == null ? null : declared.get(name);
            violations.add(translate(error, name, parameter, tree));
            if (name != null) {
                reported.add(name);
            }
        }
        Map<String, Object> normalised = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            String name = entry.getKey();
            ParameterModel parameter = declared.get(name);
            if (parameter == null || reported.contains(name)) {
                continue;
            }
            Object value = normalise(parameter, entry.getValue(), violations);
            if (value != null) {
                normalised.put(name, value);
            }
        }
        for (ParameterModel parameter : declared.values()) {
            if (parameter.flags().required() && !tree.has(parameter.name()) && !reported.contains(parameter.name())) {
                violations.add(new Violation(path(parameter.name()), "is required"));
                reported.add(parameter.name());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidParametersException(dedupe(violations));
        }
        return result(offering, scope, declared, createOnly, normalised, current);
    }

    private Schema schema(PlanModel plan, String request) {
        String path = plan.schema(request)
                .orElseThrow(() -> new IllegalArgumentException("plan " + plan.name() + " has no " + request
                        + " schema (a " + plan.kind().modelKey() + " plan)"));
        Schema schema = schemas.get(path);
        if (schema == null) {
            throw new IllegalArgumentException("schema " + path + " of plan " + plan.name() + " is not in the bundle");
        }
        return schema;
    }

    private static ValidatedParameters result(
            OfferingModel offering,
            ParameterScope scope,
            Map<String, ParameterModel> declared,
            Map<String, ParameterModel> createOnly,
            Map<String, Object> normalised,
            Map<String, Object> current) {
        List<ParameterModel> order = new ArrayList<>();
        if (scope == ParameterScope.CLUSTER_UPDATE) {
            for (ParameterModel parameter : offering.parameters(ParameterScope.CLUSTER_CREATE)) {
                ParameterModel updated = declared.get(parameter.name());
                if (updated != null) {
                    order.add(updated);
                } else if (createOnly.containsKey(parameter.name())) {
                    order.add(parameter);
                }
            }
            for (ParameterModel parameter : declared.values()) {
                if (!order.contains(parameter)) {
                    order.add(parameter);
                }
            }
        } else {
            order.addAll(declared.values());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (ParameterModel parameter : order) {
            String name = parameter.name();
            Object value = normalised.get(name);
            if (value == null && (createOnly.containsKey(name) || parameter.whenAbsent() == WhenAbsent.KEEP)) {
                value = current.get(name);
            }
            if (value == null) {
                value = parameter.defaultValue();
            }
            if (value != null) {
                values.put(name, value);
                if (parameter.flags().secret()) {
                    secrets.add(name);
                }
            }
        }
        return new ValidatedParameters(values, secrets);
    }

    /** The normalised value of a parameter the schema accepted, or null after adding a violation. */
    private static @Nullable Object normalise(ParameterModel parameter, JsonNode value, List<Violation> violations) {
        String path = path(parameter.name());
        switch (parameter.type()) {
            case STRING, ENUM -> {
                if (value.isTextual()) {
                    return value.textValue();
                }
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
            }
            case INTEGER -> {
                Optional<Long> whole = wholeNumber(value);
                if (whole.isPresent()) {
                    return whole.get();
                }
                if (value.isNumber()) {
                    violations.add(new Violation(
                            path,
                            "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                                    + shown(parameter, " (got " + value.asText() + ")")));
                    return null;
                }
            }
            case NUMBER -> {
                if (value.isNumber()) {
                    return value.decimalValue();
                }
            }
            case BYTES, DURATION -> {
                Optional<Long> whole = wholeNumber(value);
                if (whole.isPresent()) {
                    return inRange(parameter, whole.get(), null, violations);
                }
                if (value.isTextual()) {
                    return quantity(parameter, value.textValue(), violations);
                }
            }
            case GRANTS -> {
                Optional<List<Map<String, String>>> grants = grants(value);
                if (grants.isPresent()) {
                    return grants.get();
                }
            }
        }
        violations.add(new Violation(path, typeMessage(parameter, value)));
        return null;
    }

    /** A grants list: an array of objects with a non-empty string {@code space} and optional {@code org}. */
    private static Optional<List<Map<String, String>>> grants(JsonNode value) {
        if (!value.isArray()) {
            return Optional.empty();
        }
        List<Map<String, String>> grants = new ArrayList<>();
        for (JsonNode entry : value) {
            JsonNode space = entry.path("space");
            JsonNode org = entry.path("org");
            boolean onlyKnown = entry.isObject() && entry.size() == (org.isMissingNode() ? 1 : 2);
            if (!onlyKnown || !nonEmptyText(space) || (!org.isMissingNode() && !nonEmptyText(org))) {
                return Optional.empty();
            }
            Map<String, String> grant = new LinkedHashMap<>();
            if (!org.isMissingNode()) {
                grant.put("org", org.textValue());
            }
            grant.put("space", space.textValue());
            grants.add(java.util.Collections.unmodifiableMap(grant));
        }
        return Optional.of(List.copyOf(grants));
    }

    private static boolean nonEmptyText(JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty();
    }

    private static @Nullable Object quantity(ParameterModel parameter, String text, List<Violation> violations) {
        String path = path(parameter.name());
        Optional<Quantity> quantity = Quantity.parse(text, dimension(parameter));
        if (quantity.isEmpty()) {
            violations.add(new Violation(path, expected(parameter) + shown(parameter, " (got " + quote(text) + ")")));
            return null;
        }
        Optional<Long> base = quantity.get().wholeBase();
        if (base.isEmpty()) {
            String unit = parameter.type() == ParameterType.BYTES ? "bytes" : "seconds";
            boolean tooLarge = quantity.get().base().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0;
            violations.add(new Violation(
                    path,
                    (tooLarge ? "is too large" : "must be a whole number of " + unit)
                            + shown(parameter, " (got " + quote(text) + ")")));
            return null;
        }
        return inRange(parameter, base.get(), quantity.get(), violations);
    }

    /** Checks a byte size or duration against the bounds, written in the user's unit when they wrote one. */
    private static @Nullable Object inRange(
            ParameterModel parameter, long value, @Nullable Quantity written, List<Violation> violations) {
        String got = written == null ? Long.toString(value) : written.toString();
        Number minimum = parameter.constraints().minimum();
        if (minimum != null && BigDecimal.valueOf(value).compareTo(new BigDecimal(minimum.toString())) < 0) {
            violations.add(new Violation(
                    path(parameter.name()),
                    "must be at least " + bound(minimum, written) + shown(parameter, " (got " + got + ")")));
            return null;
        }
        Number maximum = parameter.constraints().maximum();
        if (maximum != null && BigDecimal.valueOf(value).compareTo(new BigDecimal(maximum.toString())) > 0) {
            violations.add(new Violation(
                    path(parameter.name()),
                    "must be at most " + bound(maximum, written) + shown(parameter, " (got " + got + ")")));
            return null;
        }
        return value;
    }

    private static String bound(Number bound, @Nullable Quantity written) {
        return written == null ? bound.toString() : written.inUnit(bound);
    }

    private static Optional<Long> wholeNumber(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? Optional.of(value.longValue()) : Optional.empty();
        }
        if (value.isNumber()) {
            try {
                return Optional.of(value.decimalValue().longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The parameter a schema error is about, or null for the parameters object itself. */
    private static @Nullable String parameterName(Error error) {
        var location = error.getInstanceLocation();
        if (location != null && location.getNameCount() > 0) {
            return String.valueOf(location.getElement(0));
        }
        String property = error.getProperty();
        return "required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword())
                ? property
                : null;
    }

    private static Violation translate(
            Error error, @Nullable String name, @Nullable ParameterModel parameter, JsonNode tree) {
        String keyword = String.valueOf(error.getKeyword());
        if (name == null) {
            return new Violation(
                    "$", "type".equals(keyword) ? "must be a JSON object" : "is invalid (" + keyword + ")");
        }
        String path = path(name);
        if (parameter != null && parameter.type() == ParameterType.GRANTS) {
            JsonNode grants = tree.path(name);
            return new Violation(
                    path,
                    grants.isArray()
                            ? expected(parameter) + " (an entry is not such an object)"
                            : typeMessage(parameter, grants));
        }
        if ("required".equals(keyword)) {
            return new Violation(path, "is required");
        }
        JsonNode value = tree.path(name);
        if (parameter == null) {
            return new Violation(path, "is invalid (" + keyword + ")");
        }
        String got = " (got " + (value.isTextual() ? quote(value.textValue()) : excerpt(value.toString())) + ")";
        String message = switch (keyword) {
            case "type" -> typeMessage(parameter, value);
            case "enum" -> expected(parameter) + shown(parameter, got);
            case "pattern" ->
                parameter.type() == ParameterType.BYTES || parameter.type() == ParameterType.DURATION
                        ? expected(parameter) + shown(parameter, got)
                        : "must match the pattern " + parameter.constraints().pattern() + shown(parameter, got);
            case "minimum" ->
                "must be at least "
                        + integerBound(parameter, parameter.constraints().minimum()) + shown(parameter, got);
            case "maximum" ->
                "must be at most "
                        + integerBound(parameter, parameter.constraints().maximum()) + shown(parameter, got);
            case "minLength" ->
                "must be at least " + characters(parameter.constraints().minLength()) + " long"
                        + shown(parameter, " (got " + characters(value.asText().length()) + ")");
            case "maxLength" ->
                "must be at most " + characters(parameter.constraints().maxLength()) + " long"
                        + shown(parameter, " (got " + characters(value.asText().length()) + ")");
            default -> "is invalid: " + keyword + shown(parameter, got);
        };
        return new Violation(path, message);
    }

    /** A bound of the integer form: {@code 134217728 bytes (128MB)}, {@code 3600 seconds (1h)}, or the number. */
    private static String integerBound(ParameterModel parameter, @Nullable Number bound) {
        if (bound == null || (parameter.type() != ParameterType.BYTES && parameter.type() != ParameterType.DURATION)) {
            return String.valueOf(bound);
        }
        boolean bytes = parameter.type() == ParameterType.BYTES;
        BigDecimal value = new BigDecimal(bound.toString());
        String human = "";
        for (String unit : bytes ? List.of("TB", "GB", "MB", "KB") : List.of("d", "h", "m")) {
            Quantity one = Quantity.parse("1" + unit, dimension(parameter)).orElseThrow();
            BigDecimal factor = BigDecimal.valueOf(one.factor());
            if (value.compareTo(factor) >= 0 && value.remainder(factor).signum() == 0) {
                human = " (" + one.inUnit(bound) + ")";
                break;
            }
        }
        return bound + (bytes ? " bytes" : " seconds") + human;
    }

    /** The dimension of a byte size or duration parameter (the only ones whose values are quantities). */
    private static Quantity.Dimension dimension(ParameterModel parameter) {
        return Objects.requireNonNull(parameter.type().dimension(), () -> parameter.type() + " is not a quantity");
    }

    private static String characters(@Nullable Integer count) {
        return count + (count != null && count == 1 ? " character" : " characters");
    }

    private static String typeMessage(ParameterModel parameter, JsonNode value) {
        return expected(parameter) + " (got " + kind(value) + ")";
    }

    /** What a parameter accepts, for messages: {@code must be an integer}, {@code must be one of "5.7", "8.0"}. */
    private static String expected(ParameterModel parameter) {
        return switch (parameter.type()) {
            case STRING -> "must be a string";
            case INTEGER -> "must be an integer";
            case NUMBER -> "must be a number";
            case BOOLEAN -> "must be true or false";
            case ENUM ->
                "must be one of "
                        + String.join(
                                ", ",
                                Optional.ofNullable(parameter.constraints().enumValues()).orElse(List.of()).stream()
                                        .map(value -> quote(String.valueOf(value)))
                                        .toList());
            case BYTES ->
                "must be a byte size: an integer number of bytes, or a number and a unit B, KB, MB, GB"
                        + " or TB such as \"2GB\"";
            case DURATION ->
                "must be a duration: an integer number of seconds, or a number and a unit s, m, h"
                        + " or d such as \"5m\"";
            case GRANTS ->
                "must be a list of grants, each an object with a non-empty `space` and an optional non-empty"
                        + " `org` (names or GUIDs), such as [{\"org\": \"my-org\", \"space\": \"dev\"}]";
        };
    }

    /** {@code detail}, or {@code (secret value)} instead for a secret parameter. */
    private static String shown(ParameterModel parameter, String detail) {
        return parameter.flags().secret() ? " (secret value)" : detail;
    }

    private static String unknown(String name, PlanModel plan, Collection<String> known) {
        if (known.isEmpty()) {
            return "is not a parameter of plan " + plan.name() + " (it takes no parameters)";
        }
        List<String> byCloseness = new ArrayList<>(known);
        byCloseness.sort((a, b) -> {
            int byDistance = Integer.compare(distance(name, a), distance(name, b));
            return byDistance != 0 ? byDistance : a.compareTo(b);
        });
        return "is not a parameter of plan " + plan.name() + " (known: " + String.join(", ", byCloseness) + ")";
    }

    /** Levenshtein distance, to list the known names closest to a misspelt one first. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }

    /** JSON path of a parameter: {@code $.name}, or {@code $['cluster-org']} when not an identifier. */
    static String path(String name) {
        if (name.length() > SHOWN) {
            return "$['" + name.substring(0, SHOWN).replace("'", "\\'") + "...'" + cut(name);
        }
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "$." + name : "$['" + name.replace("'", "\\'") + "']";
    }

    /** {@code text} as a JSON string for a message: its first {@value #SHOWN} characters when it is longer. */
    private static String quote(String text) {
        if (text.length() <= SHOWN) {
            return io.dedicate.bundle.JsonStrings.quote(text);
        }
        return io.dedicate.bundle.JsonStrings.quote(text.substring(0, SHOWN)) + "..." + cut(text);
    }

    /** A JSON text (an array, an object) for a message: its first {@value #SHOWN} characters when it is longer. */
    private static String excerpt(String json) {
        return json.length() <= SHOWN ? json : json.substring(0, SHOWN) + "..." + cut(json);
    }

    private static String cut(String text) {
        return " (" + text.length() + " characters, first " + SHOWN + " shown)";
    }

    /** A JSON value's kind, for messages; never its content. */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "an unsupported value";
        };
    }

    private static List<Violation> dedupe(List<Violation> violations) {
        return List.copyOf(new LinkedHashSet<>(violations));
    }
}
