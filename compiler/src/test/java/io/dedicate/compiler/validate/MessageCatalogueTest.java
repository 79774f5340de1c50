package io.dedicate.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.diagnostic.Messages;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules and the message catalogue agree, and every text is a valid MessageFormat pattern. */
class MessageCatalogueTest {

    @Test
    void codesDeriveFromRuleClassNames() {
        assertEquals("unknown-plan", Rule.codeOf(UnknownPlanRule.class));
        assertEquals("bindable-cluster-plan", new BindableClusterPlanRule().code());
        assertEquals("create-only-in-update-scope", new CreateOnlyInUpdateScopeRule().code());
    }

    @Test
    void everyRuleHasTexts() {
        Properties texts = catalogue();
        for (Rule rule : ValidationRules.all(new ReleaseSpecCatalog(Map.of()))) {
            String code = rule.code();
            boolean present = texts.stringPropertyNames().stream()
                    .anyMatch(key -> key.equals(code) || key.startsWith(code + "."));
            assertTrue(present, "no text for " + code);
        }
    }

    @Test
    void everyRuleIsRegisteredOnce() {
        Set<String> codes = new HashSet<>();
        for (Rule rule : ValidationRules.all(new ReleaseSpecCatalog(Map.of()))) {
            assertTrue(codes.add(rule.code()), "registered twice: " + rule.code());
        }
    }

    @Test
    void everyTextIsAValidPatternWithBalancedBackticks() {
        Properties texts = catalogue();
        for (String key : texts.stringPropertyNames()) {
            String pattern = texts.getProperty(key);
            String formatted = new MessageFormat(pattern, Locale.ROOT).format(new Object[] {"a", "b", "c", "d", "e"});
            assertEquals(0, formatted.chars().filter(c -> c == '`').count() % 2, key + ": " + formatted);
            String unquoted = pattern.replace("''", "").replace("'{'", "").replace("'}'", "");
            assertTrue(!unquoted.contains("'"), key + " has a single quote, which MessageFormat drops: write ''");
        }
    }

    @Test
    void messagesFormatArgumentsAsPlainStrings() {
        assertEquals(" (did you mean `x`?)", Messages.catalogue().format("did-you-mean", "x"));
        assertEquals(
                "`1500` is not a whole number of at least 1",
                Messages.catalogue().format("invalid-count", 1500, 1));
    }

    private static Properties catalogue() {
        Properties texts = new Properties();
        try (InputStream in = Objects.requireNonNull(
                MessageCatalogueTest.class.getResourceAsStream("/io/dedicate/compiler/messages.properties"))) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return texts;
    }
}
