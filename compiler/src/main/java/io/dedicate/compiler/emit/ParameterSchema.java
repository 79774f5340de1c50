package io.dedicate.compiler.emit;

import io.dedicate.bundle.JsonWriter;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parameters of one OSB request into a JSON Schema <b>draft-04</b>, the only draft Cloud
 * Foundry accepts. The schema emitter writes it to its own file and the catalog emitter inlines it,
 * both through {@link #of}, so the two copies are the same bytes.
 *
 * <p>Choices, and why:
 *
 * <ul>
 *   <li>{@code additionalProperties: false}: an unknown parameter is almost always a typo ({@code
 *       innodb_bufer_pool_size}); accepting it silently would deploy something else than asked.
 *   <li>Byte sizes and durations accept an integer (bytes, seconds) or a string with a unit; a
 *       draft-04 {@code pattern} has no flags, so the unit letters list both cases. {@code
 *       minimum}/{@code maximum} bound the integer form only (draft-04 cannot compare "2GB" with a
 *       number); the broker checks the range of the string form after normalising it, from {@code
 *       model.json}. The description gives the accepted forms and the range in units a human
 *       reads.
 *   <li>Examples go into the description ({@code Example: "2GB".}): draft-04 has no {@code
 *       examples}, and a custom keyword such as {@code x-example} would be read by no platform.
 *   <li>Secret parameters never carry a {@code default} or an example (their values must not be
 *       shown); draft-04 has no {@code writeOnly}, so the description says that the value is secret.
 *   <li>In an update schema, a parameter the cluster already has (from its create) shows no {@code
 *       default} and is never {@code required}: in an OSB update an absent parameter keeps its
 *       current value, and a form prefilled with the default would silently reset it.
 *   <li>{@code required} is left out when empty (draft-04 requires at least one name).
 * </ul>
 *
 * <p>Sample (a cluster plan's create schema, two of its properties):
 *
 * <pre>
 * {
 *   "$schema": "http://json-schema.org/draft-04/schema#",
 *   "type": "object",
 *   "properties": {
 *     "innodb_buffer_pool_size": {
 *       "description": "InnoDB buffer pool size. A byte size: an integer number of bytes, or a string: a number and a unit B, KB, MB, GB or TB (powers of 1024, either case), such as \"2GB\". From 128MB to 64GB. Example: \"2GB\".",
 *       "type": [
 *         "integer",
 *         "string"
 *       ],
 *       "pattern": "^[0-9]+(\\.[0-9]+)? ?[KkMmGgTt]?[Bb]$",
 *       "minimum": 134217728,
 *       "maximum": 68719476736,
 *       "default": "1GB"
 *     },
 *     "major_version": {
 *       "description": "MySQL major version; fixed at creation. Set at creation only: an update cannot change it.",
 *       "type": "string",
 *       "enum": [
 *         "5.7",
 *         "8.0"
 *       ],
 *       "default": "8.0"
 *     }
 *   },
 *   "additionalProperties": false
 * }
 * </pre>
 */
public final class ParameterSchema {

    /** The draft-04 meta-schema URI, the value of {@code $schema}. */
    public static final String DRAFT_04 = "http://json-schema.org/draft-04/schema#";

    /**
     * The string form of a byte size: a decimal number, an optional space, a unit B, KB, MB, GB or
     * TB, either case. The language writes defaults the same way ({@code 1.5GB}), so a default always
     * matches; the broker rejects an amount that is not a whole number of bytes.
     */
    public static final String BYTES_PATTERN = "^[0-9]+(\\.[0-9]+)? ?[KkMmGgTt]?[Bb]$";

    /**
     * The string form of a duration: a decimal number, an optional space, a unit s, m, h or d,
     * either case; the broker rejects an amount that is not a whole number of seconds.
     */
    public static final String DURATION_PATTERN = "^[0-9]+(\\.[0-9]+)? ?[SsMmHhDd]$";

    private static final String[] BYTE_UNITS = {"TB", "GB", "MB", "KB"};
    private static final String[] DURATION_UNITS = {"d", "h", "m"};
    private static final long[] DURATION_SECONDS = {86_400, 3_600, 60};

    private ParameterSchema() {}

    /** The draft-04 schema of {@code schema}'s parameters, as an insertion-ordered JSON tree. */
    public static Map<String, Object> of(PlanSchema schema) {
        Set<String> persistent = schema.update() ? new LinkedHashSet<>(schema.persistent()) : Set.of();
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Parameter parameter : schema.parameters()) {
            boolean keepsValue = persistent.contains(parameter.name());
            properties.put(parameter.name(), property(parameter, schema.update(), keepsValue));
            if (parameter.is(Parameter.Flag.REQUIRED) && !keepsValue) {
                required.add(parameter.name());
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DRAFT_04);
        root.put("type", "object");
        root.put("properties", properties);
        if (!required.isEmpty()) {
            root.put("required", required);
        }
        root.put("additionalProperties", false);
        return root;
    }

    private static Map<String, Object> property(Parameter parameter, boolean update, boolean keepsValue) {
        Map<String, Object> property = new LinkedHashMap<>();
        String description = description(parameter, update, keepsValue);
        if (!description.isEmpty()) {
            property.put("description", description);
        }
        switch (parameter.type()) {
            case STRING -> {
                property.put("type", "string");
                putIfPresent(property, "pattern", parameter.constraints().pattern());
                putIfPresent(property, "minLength", parameter.constraints().minLength());
                putIfPresent(property, "maxLength", parameter.constraints().maxLength());
            }
            case INTEGER -> {
                property.put("type", "integer");
                putBounds(property, parameter);
            }
            case NUMBER -> {
                property.put("type", "number");
                putBounds(property, parameter);
            }
            case BOOLEAN -> property.put("type", "boolean");
            case ENUM -> {
                String type = sharedJsonType(parameter.constraints().enumValues());
                if (type != null) {
                    property.put("type", type);
                }
                property.put("enum", parameter.constraints().enumValues());
            }
            case GRANTS -> {
                property.put("type", "array");
                property.put("items", grantSchema());
            }
            case BYTES -> {
                property.put("type", List.of("integer", "string"));
                property.put("pattern", BYTES_PATTERN);
                putQuantityBounds(property, parameter);
            }
            case DURATION -> {
                property.put("type", List.of("integer", "string"));
                property.put("pattern", DURATION_PATTERN);
                putQuantityBounds(property, parameter);
            }
        }
        Object defaultValue = parameter.defaultValue();
        if (defaultValue != null && !parameter.is(Parameter.Flag.SECRET) && !keepsValue) {
            property.put("default", defaultValue);
        }
        return property;
    }

    /**
     * One entry of the built-in {@code grants} list: a space (name or GUID, required) and its org
     * (name or GUID, optional: the cluster's own org when absent), nothing else.
     */
    private static Map<String, Object> grantSchema() {
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("type", "string");
        name.put("minLength", 1);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("org", name);
        properties.put("space", name);
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("type", "object");
        grant.put("properties", properties);
        grant.put("required", List.of("space"));
        grant.put("additionalProperties", false);
        return grant;
    }

    /**
     * The user's description, then what a reader needs and the keywords do not say plainly: the
     * accepted forms of a quantity, its range in human units, the example, create-only, secret.
     */
    private static String description(Parameter parameter, boolean update, boolean keepsValue) {
        List<String> sentences = new ArrayList<>();
        if (parameter.description() != null) {
            sentences.add(parameter.description());
        }
        if (parameter.type() == ParameterType.BYTES) {
            sentences.add("A byte size: an integer number of bytes, or a string: a number and a unit B, KB, MB,"
                    + " GB or TB (powers of 1024, either case), such as \"2GB\"");
            range(parameter, ParameterSchema::bytes).ifPresent(sentences::add);
        } else if (parameter.type() == ParameterType.DURATION) {
            sentences.add("A duration: an integer number of seconds, or a string: a number and a unit s, m, h"
                    + " or d, such as \"10s\", \"5m\", \"2h\", \"1d\"");
            range(parameter, ParameterSchema::seconds).ifPresent(sentences::add);
        }
        Object example = parameter.example();
        if (example != null && !parameter.is(Parameter.Flag.SECRET)) {
            sentences.add("Example: " + JsonWriter.write(example).strip());
        }
        if (parameter.is(Parameter.Flag.CREATE_ONLY) && !update) {
            sentences.add("Set at creation only: an update cannot change it");
        }
        if (keepsValue) {
            sentences.add("Left unchanged when absent");
        }
        if (parameter.is(Parameter.Flag.SECRET)) {
            sentences.add("Secret: the broker never shows it back or logs it");
        }
        StringBuilder text = new StringBuilder();
        for (String sentence : sentences) {
            String trimmed = sentence.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(trimmed);
            if (!trimmed.endsWith(".") && !trimmed.endsWith("!") && !trimmed.endsWith("?")) {
                text.append('.');
            }
        }
        return text.toString();
    }

    private static Optional<String> range(Parameter parameter, Function<BigDecimal, String> unit) {
        BigDecimal min = parameter.constraints().minimum();
        BigDecimal max = parameter.constraints().maximum();
        if (min != null && max != null) {
            return Optional.of("From " + unit.apply(min) + " to " + unit.apply(max));
        }
        if (min != null) {
            return Optional.of("At least " + unit.apply(min));
        }
        if (max != null) {
            return Optional.of("At most " + unit.apply(max));
        }
        return Optional.empty();
    }

    /** {@code 134217728} is {@code 128MB}: the largest unit that divides the size exactly. */
    static String bytes(BigDecimal size) {
        BigInteger value = size.toBigInteger();
        for (int i = 0; i < BYTE_UNITS.length; i++) {
            BigInteger unit = BigInteger.ONE.shiftLeft(10 * (BYTE_UNITS.length - i));
            if (value.signum() != 0 && value.mod(unit).signum() == 0) {
                return value.divide(unit) + BYTE_UNITS[i];
            }
        }
        return value + "B";
    }

    /** {@code 3600} is {@code 1h}: the largest unit that divides the duration exactly. */
    static String seconds(BigDecimal duration) {
        BigInteger value = duration.toBigInteger();
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            BigInteger unit = BigInteger.valueOf(DURATION_SECONDS[i]);
            if (value.signum() != 0 && value.mod(unit).signum() == 0) {
                return value.divide(unit) + DURATION_UNITS[i];
            }
        }
        return value + "s";
    }

    private static void putBounds(Map<String, Object> property, Parameter parameter) {
        BigDecimal min = parameter.constraints().minimum();
        BigDecimal max = parameter.constraints().maximum();
        if (min != null) {
            property.put("minimum", number(min));
        }
        if (max != null) {
            property.put("maximum", number(max));
        }
    }

    /** Bytes and durations are never negative, so the integer form gets a minimum of 0 at least. */
    private static void putQuantityBounds(Map<String, Object> property, Parameter parameter) {
        BigDecimal min = parameter.constraints().minimum();
        BigDecimal max = parameter.constraints().maximum();
        property.put("minimum", number(min != null ? min : BigDecimal.ZERO));
        if (max != null) {
            property.put("maximum", number(max));
        }
    }

    /**
     * A bound as a JSON number: an integer when the value is whole, else the shortest plain decimal ({@code 0.50} is {@code 0.5}, {@code 1E+2} is {@code 100}).
     */
    static Object number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
    }

    /** The JSON type all enum values share, or null when they mix types. */
    private static @Nullable String sharedJsonType(List<Object> values) {
        String shared = null;
        for (Object value : values) {
            String type = jsonType(value);
            if (shared == null) {
                shared = type;
            } else if (!shared.equals(type)) {
                return null;
            }
        }
        return shared;
    }

    private static String jsonType(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "integer";
        }
        if (value instanceof BigDecimal) {
            return "number";
        }
        return "unknown " + value.getClass().getName();
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
