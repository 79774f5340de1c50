package io.dedicate.bundle;

import java.util.Locale;

/**
 * JSON string escaping, the one implementation behind the bundle's JSON files and its YAML flow
 * values ({@link YamlFlowEncoder}).
 *
 * <p>Both escape the quote, the backslash, {@code \n \r \t \b \f} by their short forms, and write
 * C0 controls, U+2028, U+2029 (invalid in JavaScript strings) and unpaired surrogates (which UTF-8
 * cannot encode) as {@code \}{@code uXXXX}; paired surrogates and every other character are written
 * as themselves. The two differ on purpose in one set of characters, see {@link Escaping}.
 */
public final class JsonStrings {

    /** Which characters, beyond JSON's own, are written as {@code \}{@code uXXXX}. */
    enum Escaping {
        /**
         * For JSON files (catalog, schemas, model): nothing more. JSON readers take DEL, C1
         * controls and U+FEFF/U+FFFE/U+FFFF as ordinary characters, and these files have always
         * carried them as they are: escaping them would change the bundle's bytes (and digest).
         */
        JSON,
        /**
         * For YAML flow values: also DEL, C1 controls, U+FEFF, U+FFFE and U+FFFF, which YAML 1.1
         * readers (the Go yaml of BOSH and Concourse) treat as line breaks or refuse as
         * non-printable.
         */
        YAML_FLOW
    }

    private JsonStrings() {}

    /** {@code text} as a JSON string, with its quotes. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        out.append('"');
        appendEscaped(out, text, Escaping.JSON);
        return out.append('"').toString();
    }

    /** Appends the characters of {@code text} escaped for the inside of a JSON string. */
    static void appendEscaped(StringBuilder out, String text, Escaping escaping) {
        if (isPlainAscii(text)) {
            out.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(i + 1));
                        i++;
                    } else if (needsUnicodeEscape(c, escaping)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /**
     * Whether {@code text} is printable ASCII without quote or backslash, written as it is in both
     * escapings (the common case, checked first to copy it whole).
     */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c}, not the first half of a surrogate pair, is written as {@code \}{@code uXXXX}. */
    private static boolean needsUnicodeEscape(char c, Escaping escaping) {
        if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
            return true;
        }
        return escaping == Escaping.YAML_FLOW
                && ((c >= 0x7f && c <= 0x9f) || c == '\ufeff' || c == '\ufffe' || c == '\uffff');
    }
}
