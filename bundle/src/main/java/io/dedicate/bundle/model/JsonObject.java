package io.dedicate.bundle.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object of model.json, read field by field with its path ({@code offerings[0].plans[2]}),
 * so that a missing field, a field of the wrong type or an unknown field is reported by name. {@link
 * #finish} refuses the fields no one read.
 */
final class JsonObject {

    private final String where;
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    private JsonObject(String where, String path, JsonNode node) {
        this.where = where;
        this.path = path;
        this.node = node;
    }

    /** The root object of a file; {@code where} prefixes every message ({@code bundle X: model.json}). */
    static JsonObject root(String where, JsonNode node) {
        if (!node.isObject()) {
            throw new ModelFormatException(where + ": must hold a JSON object (got " + kind(node) + ")");
        }
        return new JsonObject(where, "", node);
    }

    private String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    ModelFormatException problem(String field, String message) {
        return new ModelFormatException(where + ": " + path(field) + ": " + message);
    }

    private JsonNode present(String field) {
        read.add(field);
        JsonNode value = node.get(field);
        if (value == null) {
            throw new ModelFormatException(where + ": missing field `" + path(field) + "`");
        }
        return value;
    }

    JsonNode raw(String field) {
        return present(field);
    }

    String text(String field) {
        JsonNode value = present(field);
        if (!value.isTextual()) {
            throw problem(field, "must be a string (got " + kind(value) + ")");
        }
        return value.textValue();
    }

    @Nullable
    String nullableText(String field) {
        return present(field).isNull() ? null : text(field);
    }

    boolean bool(String field) {
        JsonNode value = present(field);
        if (!value.isBoolean()) {
            throw problem(field, "must be true or false (got " + kind(value) + ")");
        }
        return value.booleanValue();
    }

    int integer(String field) {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem(field, "must be an integer (got " + kind(value) + ")");
        }
        return value.intValue();
    }

    @Nullable
    Integer nullableInteger(String field) {
        return present(field).isNull() ? null : integer(field);
    }

    long longInteger(String field) {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem(field, "must be an integer (got " + kind(value) + ")");
        }
        return value.longValue();
    }

    @Nullable
    Long nullableLong(String field) {
        return present(field).isNull() ? null : longInteger(field);
    }

    /** A number: a {@code Long} when it is a whole number that fits one, else its exact {@code BigDecimal}. */
    @Nullable
    Number nullableNumber(String field) {
        JsonNode value = present(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw problem(field, "must be a number (got " + kind(value) + ")");
        }
        return number(value);
    }

    static Number number(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        return value.decimalValue();
    }

    /** The enum constant whose lower-case name the field holds. */
    <E extends Enum<E>> E constant(String field, Class<E> type) {
        String text = text(field);
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String key = constant.name().toLowerCase(Locale.ROOT);
            if (key.equals(text)) {
                return constant;
            }
            allowed.add("\"" + key + "\"");
        }
        throw problem(field, "must be one of " + String.join(", ", allowed) + " (got \"" + text + "\")");
    }

    JsonObject object(String field) {
        JsonNode value = present(field);
        if (!value.isObject()) {
            throw problem(field, "must be an object (got " + kind(value) + ")");
        }
        return new JsonObject(where, path(field), value);
    }

    @Nullable
    JsonObject nullableObject(String field) {
        return present(field).isNull() ? null : object(field);
    }

    List<JsonObject> objects(String field) {
        JsonNode value = array(field);
        List<JsonObject> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path(field) + "[" + i + "]";
            if (!item.isObject()) {
                throw new ModelFormatException(
                        where + ": " + itemPath + ": must be an object (got " + kind(item) + ")");
            }
            items.add(new JsonObject(where, itemPath, item));
        }
        return items;
    }

    List<String> texts(String field) {
        JsonNode value = array(field);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw problem(field + "[" + i + "]", "must be a string (got " + kind(item) + ")");
            }
            items.add(item.textValue());
        }
        return items;
    }

    @Nullable
    List<String> nullableTexts(String field) {
        return present(field).isNull() ? null : texts(field);
    }

    private JsonNode array(String field) {
        JsonNode value = present(field);
        if (!value.isArray()) {
            throw problem(field, "must be an array (got " + kind(value) + ")");
        }
        return value;
    }

    /** The names of this object's fields, in file order, all marked read. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            read.add(name);
            names.add(name);
        }
        return names;
    }

    /** Refuses every field that was not read: model.json has a fixed set of fields. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                throw new ModelFormatException(where + ": unknown field `" + path(name) + "` (not part of model.json"
                        + " format " + BundleModel.FORMAT + "; is the bundle from a newer compiler?)");
            }
        }
    }

    /** A JSON node's kind, for messages: {@code a string}, {@code an array}, {@code null}... */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "an unexpected value";
        };
    }
}
