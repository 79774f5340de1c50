package io.dedicate.bundle;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The filters through which bundle templates insert every value. Each refuses values containing a
 * BOSH/Concourse interpolation sequence ({@link UnsafeValueException}).
 *
 * <ul>
 *   <li>{@code yaml}: the value as one YAML flow node ({@link YamlFlowEncoder}): {@code {{
 *       params.name | yaml }}} gives {@code "my \"db\""}. Used for every value in YAML.
 *   <li>{@code json}: the value's JSON text, as a string, to be inserted with {@code yaml}: {@code
 *       {{ {'a': x} | json | yaml }}} gives {@code "{\"a\": 1}"}.
 *   <li>{@code text}: a string as it is, any other value as its JSON text: what a Concourse task
 *       param (always a string) or an environment variable receives; insert with {@code yaml}.
 *   <li>{@code yaml_chars}: the escaped characters of a string without the quotes, for the inside
 *       of a double-quoted scalar next to a literal BOSH variable ({@code "x{{ v | yaml_chars
 *       }}((password))"}); refuses any {@code ((} or {@code ))} so that no sequence can form with
 *       the neighbouring text.
 * </ul>
 */
final class EscapingFilters {

    private EscapingFilters() {}

    static List<Filter> of(RenderSession session) {
        return List.of(
                new Named("yaml", session::encode),
                new Named("json", session::encode),
                new Named(
                        "text",
                        value -> value instanceof CharSequence text ? text(session, text) : session.encode(value)),
                new Named(
                        "yaml_chars",
                        value -> session.escapeCharacters(
                                value instanceof CharSequence text ? text.toString() : session.encode(value))));
    }

    private static String text(RenderSession session, CharSequence text) {
        session.encode(text.toString());
        return text.toString();
    }

    private interface Encoding {
        String apply(@Nullable Object value);
    }

    private static final class Named implements Filter {
        private final String name;
        private final Encoding encoding;

        Named(String name, Encoding encoding) {
            this.name = name;
            this.encoding = encoding;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(@Nullable Object value, JinjavaInterpreter interpreter, String... args) {
            return encoding.apply(value);
        }
    }
}
