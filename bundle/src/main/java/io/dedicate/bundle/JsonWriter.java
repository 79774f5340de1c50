package io.dedicate.bundle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a tree of plain Java values as pretty-printed JSON, byte for byte the same on every
 * machine: two-space indent, {@code \n} line ends, a trailing newline, object fields in the map's
 * iteration order (emitters build insertion-ordered maps), no dependence on locale, platform or
 * time. Every bundle JSON file goes through here, so that the same model always gives the same
 * bytes.
 *
 * <p>Accepted values: {@link Map} with String keys, {@link List}, {@link String}, {@link Boolean},
 * {@link Integer}, {@link Long}, {@link BigInteger}, {@link BigDecimal} (written with {@link
 * BigDecimal#toPlainString()}, so the caller chooses the scale) and null. Anything else (a {@code
 * double}, whose text would depend on the JDK's float formatting, or a model record) is a bug and
 * fails loudly. Strings are quoted by {@link JsonStrings#quote}.
 *
 * <pre>
 * {
 *   "services": [
 *     {
 *       "name": "mysql-on-demand",
 *       "tags": [],
 *       "bindable": true
 *     }
 *   ]
 * }
 * </pre>
 */
public final class JsonWriter {

    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder(4096);

    private JsonWriter() {}

    /** The JSON text of {@code value}, with a trailing newline. */
    public static String write(@Nullable Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        writer.out.append('\n');
        return writer.out.toString();
    }

    /** {@link #write} encoded as UTF-8, the encoding of every bundle file. */
    public static byte[] writeBytes(@Nullable Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private void value(@Nullable Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue() ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            object(map, depth);
        } else if (value instanceof List<?> list) {
            array(list, depth);
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName() + " " + value);
        }
    }

    private void object(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys are strings: " + entry.getKey());
            }
            newline(depth + 1);
            quote(key);
            out.append(": ");
            value(entry.getValue(), depth + 1);
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        newline(depth);
        out.append('}');
    }

    private void array(List<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            newline(depth + 1);
            value(list.get(i), depth + 1);
            if (i < list.size() - 1) {
                out.append(',');
            }
        }
        newline(depth);
        out.append(']');
    }

    /** Appends {@code text} as a JSON string ({@link JsonStrings#quote}, without its intermediate string). */
    private void quote(String text) {
        out.append('"');
        JsonStrings.appendEscaped(out, text, JsonStrings.Escaping.JSON);
        out.append('"');
    }

    private void newline(int depth) {
        out.append('\n');
        for (int level = 0; level < depth; level++) {
            out.append(INDENT);
        }
    }
}
