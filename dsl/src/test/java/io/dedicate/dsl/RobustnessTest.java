package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged versions of the real MySQL offering never crash the parser: every one gives either an
 * AST or located errors, and the same input always gives the same diagnostics.
 */
class RobustnessTest {

    private static final String MYSQL;

    static {
        try {
            MYSQL = Files.readString(RepositoryRoot.find().resolve("offerings/mysql.offering"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyTruncationGivesDiagnosticsNotExceptions() {
        for (int length = 0; length < MYSQL.length(); length += 13) {
            check(MYSQL.substring(0, length));
        }
    }

    @Test
    void randomDeletionsAndInsertionsGiveDiagnosticsNotExceptions() {
        Random random = new Random(20240611L);
        String noise = "{}()[],:;=.-\"\\$@#x1 \n";
        for (int i = 0; i < 200; i++) {
            StringBuilder damaged = new StringBuilder(MYSQL);
            for (int edit = 0; edit < 3; edit++) {
                int at = random.nextInt(damaged.length());
                if (random.nextBoolean()) {
                    damaged.deleteCharAt(at);
                } else {
                    damaged.insert(at, noise.charAt(random.nextInt(noise.length())));
                }
            }
            check(damaged.toString());
        }
    }

    private static void check(String text) {
        ParseResult first;
        try {
            first = OfferingParser.parse("damaged.offering", text);
        } catch (RuntimeException e) {
            throw new AssertionError("the parser threw on:\n" + text, e);
        }
        if (first.ast() == null) {
            assertFalse(first.diagnostics().isEmpty(), () -> "no AST and no diagnostic for:\n" + text);
        }
        for (Diagnostic diagnostic : first.diagnostics()) {
            if (diagnostic.message().contains("null") || diagnostic.message().contains("<")) {
                fail("suspicious message " + diagnostic.toLine() + " for:\n" + text);
            }
        }
        assertEquals(
                first.diagnostics(),
                OfferingParser.parse("damaged.offering", text).diagnostics());
    }
}
