package io.dedicate.bundle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a value as one line of JSON, which is also a valid YAML flow node: strings become
 * double-quoted scalars, numbers and booleans plain JSON, lists and maps flow collections ({@code
 * ["a", 1]}, {@code {"k": "v"}}), null {@code null}. Whatever the value holds, the text cannot end
 * the node or start another one, so inserted anywhere a YAML value is expected it stays exactly one
 * value: the structure of the document around it cannot change.
 *
 * <p>String escaping is JSON's plus what YAML 1.1 readers (the Go yaml of BOSH and Concourse)
 * treat as line breaks or non-printable: C0 and C1 controls, DEL, U+2028, U+2029, U+FEFF,
 * U+FFFE/U+FFFF and lone surrogates are written as {@code \}{@code uXXXX}. Other characters,
 * including non-ASCII letters and emoji, are written as they are ({@link JsonStrings}, {@code
 * YAML_FLOW}). Floating-point numbers always
 * carry a {@code .} (YAML 1.1 reads {@code 1E+3} as a string); NaN and infinities are refused.
 *
 * <p>Values are refused, never escaped, when a string contains a BOSH/Concourse interpolation
 * sequence (see {@link Interpolation}).
 */
public final class YamlFlowEncoder {

    private YamlFlowEncoder() {}

    /**
     * The flow text of {@code value}.
     *
     * @param where names the value in error messages ({@code params.name})
     * @throws UnsafeValueException if a string in the value contains {@code ((...))}
     * @throws TemplateRenderException if the value is not JSON-like (String, Number, Boolean, List,
     *     Map, null) or is a NaN/infinite number
     */
    public static String encode(@Nullable Object value, String where) {
        StringBuilder out = new StringBuilder();
        append(out, value, where);
        return out.toString();
    }

    /**
     * The characters of {@code text} escaped for the inside of a double-quoted scalar, without the
     * quotes: {@code encode(text)} minus its first and last character.
     */
    public static String escapeCharacters(String text, String where) {
        refuseInterpolation(text, where);
        StringBuilder out = new StringBuilder(text.length() + 8);
        JsonStrings.appendEscaped(out, text, JsonStrings.Escaping.YAML_FLOW);
        return out.toString();
    }

    /**
     * Refuses {@code text} if it contains an interpolation sequence.
     *
     * @throws UnsafeValueException naming {@code where} and the sequence
     */
    public static void refuseInterpolation(String text, String where) {
        Interpolation.find(text).ifPresent(sequence -> {
            throw new UnsafeValueException(where, sequence);
        });
    }

    private static void append(StringBuilder out, @Nullable Object value, String where) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            String string = text.toString();
            refuseInterpolation(string, where);
            out.append('"');
            JsonStrings.appendEscaped(out, string, JsonStrings.Escaping.YAML_FLOW);
            out.append('"');
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number number) {
            appendNumber(out, number, where);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                out.append(separator);
                append(out, key, where + " (key)");
                out.append(": ");
                append(out, entry.getValue(), where + "." + key);
                separator = ", ";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, list.get(i), where + "[" + i + "]");
            }
            out.append(']');
        } else {
            throw new TemplateRenderException("value of `" + where + "` has type "
                    + value.getClass().getSimpleName()
                    + ", which cannot be inserted (expected a string, number, boolean, list, map or null)");
        }
    }

    private static void appendNumber(StringBuilder out, Number number, String where) {
        if (number instanceof Long
                || number instanceof Integer
                || number instanceof Short
                || number instanceof Byte
                || number instanceof BigInteger) {
            out.append(number);
        } else if (number instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new TemplateRenderException(
                        "value of `" + where + "` is " + d + ", which JSON and YAML cannot carry");
            }
            String plain = new BigDecimal(Double.toString(d)).toPlainString();
            out.append(plain);
            if (plain.indexOf('.') < 0) {
                out.append(".0");
            }
        }
    }
}
