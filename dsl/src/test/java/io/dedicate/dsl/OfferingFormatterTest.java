package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.dsl.ast.AstPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dedicate fmt}'s layout: canonical text for messy inputs, idempotent on every offering and
 * golden input, comments kept, and the same tree after formatting (the compiler module checks the
 * same bundle).
 */
class OfferingFormatterTest {

    static Stream<Path> sources() throws IOException {
        Path root = RepositoryRoot.find();
        try (Stream<Path> offerings = Files.walk(root.resolve("offerings"));
                Stream<Path> golden = Files.walk(root.resolve("golden"))) {
            List<Path> found = Stream.concat(offerings, golden)
                    .filter(f ->
                            f.toString().endsWith(".offering") || f.toString().endsWith(".fragment"))
                    .filter(f -> !f.toString().contains("/expected/"))
                    .sorted()
                    .toList();
            assertTrue(found.size() > 50, "offerings and golden inputs: " + found.size());
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void formatIsIdempotentKeepsCommentsAndTheTree(Path file) {
        String text = read(file);
        ParseResult parsed = OfferingParser.parse(file.toString(), text);
        FormatResult once = OfferingFormatter.format(file.toString(), text);
        if (parsed.hasErrors()) {
            assertNull(once.text(), "a file with syntax errors is not formatted");
            assertEquals(parsed.diagnostics(), once.diagnostics());
            return;
        }
        String formatted = once.text();
        assertNotNull(formatted);
        FormatResult twice = OfferingFormatter.format(file.toString(), formatted);
        assertEquals(formatted, twice.text(), "fmt of fmt is the same text: " + file);
        assertEquals(comments(text), comments(formatted), "every comment is kept, in order: " + file);
        ParseResult reparsed = OfferingParser.parse(file.toString(), formatted);
        var before = parsed.ast();
        var after = reparsed.ast();
        assertNotNull(before);
        assertNotNull(after, file + " parses after fmt: " + reparsed.diagnostics());
        assertEquals(
                sortedOptions(AstPrinter.print(before)),
                sortedOptions(AstPrinter.print(after)),
                "same tree after fmt (up to the order of a parameter's options and a release's settings): " + file);
    }

    @Test
    void messyOfferingGetsTheCanonicalLayout() {
        String messy = """
                // header comment


                offering   demo version 1.0.0{
                description "Demo"   // trailing
                    tags a ,b,   c
                release hello 1.0.0 { sha1 "abc"; url "https://x" }
                cluster plan small { vm_type small; azs z1,z2
                instances node 1 }



                /* block
                   comment */
                cluster parameters {
                  size:integer=10 required range 1 .. 100 create_only "How big";
                  level : enum ( "a","b" ) = "a"
                  low : integer range - 5..  "Lower"
                }
                deployment { network default
                  instance_group node { job hello from hello {
                    property a.b = { x : 1, y: [ 1,2, ], }
                    property c = {
                        k: params.size ,
                        m: credhub ( "/x" )
                      }
                  } }
                }
                child plan item { description "An item"; driver delegate { plan "default" } }
                upgrade small->small
                } // end
                """;
        String expected = """
                // header comment

                offering demo version 1.0.0 {
                  description "Demo" // trailing
                  tags a, b, c
                  release hello 1.0.0 { url "https://x"; sha1 "abc" }
                  cluster plan small {
                    vm_type small
                    azs z1, z2
                    instances node 1
                  }

                  /* block
                   comment */
                  cluster parameters {
                    size : integer = 10 range 1..100 create_only required "How big"
                    level : enum("a", "b") = "a"
                    low : integer range -5.. "Lower"
                  }
                  deployment {
                    network default
                    instance_group node {
                      job hello from hello {
                        property a.b = { x: 1, y: [1, 2] }
                        property c = {
                          k: params.size,
                          m: credhub("/x")
                        }
                      }
                    }
                  }
                  child plan item { description "An item"; driver delegate { plan "default" } }
                  upgrade small -> small
                } // end
                """;
        FormatResult result = OfferingFormatter.format("messy.offering", messy);
        assertEquals(expected, result.text());
        assertEquals(
                expected, OfferingFormatter.format("messy.offering", expected).text());
    }

    @Test
    void commentsInsideAMemberBreakItWithoutLosingThem() {
        String messy = """
                fragment f {
                  cluster parameters {
                    size : integer = 10 // the default
                      range 1..100 /* inline */ "How big"

                    // before the next
                    other : string
                    // last, before the brace
                  }
                }
                """;
        String expected = """
                fragment f {
                  cluster parameters {
                    size : integer = 10 // the default
                      range 1..100 /* inline */ "How big"

                    // before the next
                    other : string
                    // last, before the brace
                  }
                }
                """;
        assertEquals(expected, OfferingFormatter.format("f.fragment", messy).text());
    }

    @Test
    void textBlocksAndEmptyBlocksAreKept() {
        String messy = "offering a version 1 {\n"
                + "    long_description \"\"\"\n      Two lines\n        indented\n      \"\"\"\n"
                + "  limits {  }\n}";
        String expected = "offering a version 1 {\n"
                + "  long_description \"\"\"\n      Two lines\n        indented\n      \"\"\"\n"
                + "  limits {}\n}\n";
        assertEquals(expected, OfferingFormatter.format("a.offering", messy).text());
    }

    @Test
    void syntaxErrorsRefuseToFormat() {
        FormatResult result = OfferingFormatter.format("bad.offering", "offering a version 1 {\n  plan {\n}\n");
        assertTrue(result.hasErrors());
        assertFalse(result.diagnostics().isEmpty());
        assertTrue(
                result.diagnostics().get(0).toLine().startsWith("bad.offering:2:"),
                result.diagnostics().get(0).toLine());
    }

    private static final Pattern COMMENT =
            Pattern.compile("//[^\\n]*|/\\*(?s:.*?)\\*/|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"");

    /** The comments of a text in order, trailing spaces dropped (strings skipped). */
    private static List<String> comments(String text) {
        Matcher matcher = COMMENT.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            String match = matcher.group();
            if (match.startsWith("/")) {
                found.add(match.lines()
                        .map(String::strip)
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse(""));
            }
        }
        return found;
    }

    /** The printed tree with the words of each parenthesised group sorted, so that option order does not count. */
    private static String sortedOptions(String printed) {
        return printed.chars()
                .sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
