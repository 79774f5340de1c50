package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * The wording of every parser diagnostic, read from {@code io/dedicate/dsl/messages.properties} so
 * that texts stay consistent and can be reviewed in one place.
 *
 * <p>A key is {@code code} or {@code code.variant}; the diagnostic's stable code is the part before
 * the first dot. {@code key.hint}, when present, is the hint. Texts are {@link MessageFormat}
 * patterns.
 */
final class Messages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.dedicate.dsl.messages", Locale.ROOT);

    private Messages() {}

    /** An error whose message (and hint, if the bundle has one) come from {@code key}. */
    static Diagnostic error(String key, SourceSpan span, Object... arguments) {
        String hintKey = key + ".hint";
        @Nullable String hint = BUNDLE.containsKey(hintKey) ? text(hintKey, arguments) : null;
        return Diagnostic.error(codeOf(key), text(key, arguments), hint, span);
    }

    /** The text under {@code key}, with {@code arguments} filled in. */
    static String text(String key, Object... arguments) {
        return new MessageFormat(BUNDLE.getString(key), Locale.ROOT).format(arguments);
    }

    private static String codeOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
