package io.dedicate.compiler.diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The catalogue of diagnostic texts, {@code io/dedicate/compiler/messages.properties}: every
 * message the compiler prints lives there, so the wording stays consistent.
 *
 * <p>A key is a diagnostic code ({@code unknown-plan}), optionally followed by a variant ({@code
 * invalid-upgrade.same-plan}); the hint, if any, is under the same key plus {@code .hint}. Texts
 * are {@link MessageFormat} patterns (so a literal quote is written {@code ''}); every argument is
 * formatted as a plain string, never as a localised number.
 */
public final class Messages {

    private static final String RESOURCE = "/io/dedicate/compiler/messages.properties";
    private static final Messages CATALOGUE = new Messages(load());

    private final Properties texts;

    private Messages(Properties texts) {
        this.texts = texts;
    }

    /** The compiler's one catalogue. */
    public static Messages catalogue() {
        return CATALOGUE;
    }

    /** The text under {@code key} with the arguments filled in; fails on a missing key (a bug). */
    public String format(String key, Object... args) {
        return formatIfPresent(key, args)
                .orElseThrow(() -> new IllegalArgumentException("no message " + key + " in " + RESOURCE));
    }

    /** The text under {@code key} with the arguments filled in, if the catalogue has one. */
    public Optional<String> formatIfPresent(String key, Object... args) {
        String pattern = texts.getProperty(key);
        if (pattern == null) {
            return Optional.empty();
        }
        Object[] strings = Arrays.stream(args).map(String::valueOf).toArray();
        return Optional.of(new MessageFormat(pattern, Locale.ROOT).format(strings));
    }

    /** Whether the catalogue has a text under {@code key}. */
    public boolean has(String key) {
        return texts.containsKey(key);
    }

    private static Properties load() {
        try (InputStream in = Messages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
