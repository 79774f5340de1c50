package io.dedicate.compiler.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What a diagnostic code means, for tools that list rules (SARIF's {@code tool.driver.rules}): the
 * code's message from the message catalogues (the parser's and the compiler's), with every argument
 * shown as {@code …} ({@code unknown-plan}: "plan `…` is not declared"; a trailing argument glued
 * to the text, the optional " (did you mean ...?)", is left out). A code with variants only
 * ({@code duplicate-name.plan}, ...) is described by its first variant in key order. The
 * descriptions come from the very texts the diagnostics are made of, so they cannot drift.
 */
final class RuleDescriptions {

    private static final List<String> CATALOGUES =
            List.of("/io/dedicate/dsl/messages.properties", "/io/dedicate/compiler/messages.properties");
    private static final Properties TEXTS = load();

    private RuleDescriptions() {}

    /** The description of {@code code}, if a catalogue has a text for it. */
    static Optional<String> of(String code) {
        String key = TEXTS.containsKey(code)
                ? code
                : TEXTS.stringPropertyNames().stream()
                        .filter(k -> k.startsWith(code + ".") && !k.endsWith(".hint") && !k.contains(".hint-"))
                        .sorted()
                        .findFirst()
                        .orElse(null);
        if (key == null) {
            return Optional.empty();
        }
        Object[] placeholders = {"…", "…", "…", "…", "…", "…"};
        String text = new MessageFormat(TEXTS.getProperty(key), Locale.ROOT).format(placeholders);
        // a trailing argument is an optional suffix (" (did you mean ...?)"), not part of what the rule is
        return Optional.of(text.endsWith("…") && !text.endsWith(" …") ? text.substring(0, text.length() - 1) : text);
    }

    private static Properties load() {
        Properties texts = new Properties();
        for (String catalogue : CATALOGUES) {
            try (InputStream in = RuleDescriptions.class.getResourceAsStream(catalogue)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + catalogue);
                }
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    texts.load(reader);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
