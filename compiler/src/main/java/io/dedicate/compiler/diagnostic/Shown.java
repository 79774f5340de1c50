package io.dedicate.compiler.diagnostic;

import java.util.Locale;

/** Text from an offering as a message shows it. */
public final class Shown {

    private Shown() {}

    /**
     * {@code text} with its control characters as a backslash, {@code u} and four hex digits, so that a message shows
     * what is there.
     */
    public static String controlsEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
