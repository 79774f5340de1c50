package io.dedicate.dsl;

import static io.dedicate.dsl.Parsing.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Syntax errors give exact, located, human diagnostics: all of them, without cascades. */
class SyntaxErrorsTest {

    private static final String MEMBER =
            "an offering member (id, display_name, description, long_description, provider,"
                    + " documentation_url, support_url, image_url, tags, shareable, instances_retrievable,"
                    + " bindings_retrievable, allow_context_updates, plan_updateable, include, release, stemcell, cluster,"
                    + " child, upgrade, binding, deployment, errand, hook, app, terraform, outputs, sharing, limits,"
                    + " pipeline)";

    private static final String PLAN_SETTING = "a plan setting (id, display_name, description, plan_updateable, free,"
            + " cost, bullets, bindable, instances, vm_type, disk, azs, max_polling, driver)";

    @Test
    void misspeltKeywordSuggestsTheClosestExpectedOne() {
        assertEquals(
                List.of("test.offering:3:5: error[syntax]: unexpected `vm_tpye`, expected " + PLAN_SETTING
                        + " or `}` (did you mean `vm_type`?)"),
                errors("""
                        offering x version 1 {
                          cluster plan small {
                            vm_tpye small
                            disk 10GB
                          }
                        }
                        """));
    }

    @Test
    void misspeltKeywordHintSaysWhatToWrite() {
        Diagnostic diagnostic = OfferingParser.parse("a.offering", "offering x version 1 { errand e aftr deploy }")
                .diagnostics()
                .get(0);
        assertEquals("replace `aftr` with `after`", diagnostic.hint());
        assertEquals(new SourceSpan("a.offering", 1, 33, 1, 37), diagnostic.span());
    }

    @Test
    void unexpectedTokenListsWhatCouldComeThere() {
        assertEquals(
                List.of("test.offering:2:10: error[syntax]: unexpected `b`, expected `,`, `;`, " + MEMBER + " or `}`"),
                errors("offering x version 1 {\n  tags a b\n}"));
    }

    @Test
    void namedConstructIsExpectedAsAWhole() {
        assertEquals(
                List.of(
                        "test.offering:2:16: error[syntax]: unexpected `{`, expected a name",
                        "test.offering:3:18: error[syntax]: unexpected `later`, expected a lifecycle phase"
                                + " (deploy, update, recreate, upgrade, delete)",
                        "test.offering:4:17: error[syntax]: unexpected `text`, expected a type (string, integer, number,"
                                + " boolean, bytes, duration, enum)"),
                errors("""
                        offering x version 1 {
                          cluster plan { }
                          errand e after later
                          outputs { x : text }
                        }
                        """));
    }

    @Test
    void optionalPartsSkippedBeforeTheErrorAreExpectedToo() {
        assertEquals(
                List.of("test.offering:2:35: error[syntax]: unexpected `.`, expected a number or a quantity,"
                        + " a parameter option (range, length, pattern, example, create_only, secret, required),"
                        + " a string, `;`, a name or `}`"),
                errors("""
                        offering x version 1 { cluster parameters {
                          size : bytes = 1GB range 128MB...64GB
                          count : integer = 3
                        } }
                        """));
    }

    @Test
    void missingOpeningBrace() {
        assertEquals(
                List.of("test.offering:3:5: error[syntax]: unexpected `vm_type`, expected `{`"),
                errors("offering x version 1 {\n  cluster plan small\n    vm_type small\n  }\n}"));
    }

    @Test
    void missingClosingBraceAtEndOfFile() {
        assertEquals(
                List.of("test.offering:4:1: error[unclosed-block]: unexpected end of file:"
                        + " the `{` at line 2, column 22 is never closed"),
                errors("offering x version 1 {\n  cluster plan small {\n    disk 10GB\n"));
    }

    @Test
    void emptyFile() {
        assertEquals(
                List.of("test.offering:1:1: error[syntax]: unexpected end of file, expected `offering` or `fragment`"),
                errors(""));
    }

    @Test
    void textAfterTheOffering() {
        assertEquals(
                List.of("test.offering:2:1: error[syntax]: unexpected `extra`, expected end of file"),
                errors("offering x version 1 {}\nextra"));
    }

    @Test
    void unterminatedString() {
        assertEquals(
                List.of(
                        "test.offering:2:15: error[unterminated-string]: string is not closed before the end of the line"),
                errors("offering x version 1 {\n  description \"no end\n  tags a\n}"));
    }

    @Test
    void unterminatedTextBlockAndComment() {
        assertEquals(
                List.of(
                        "test.offering:1:36: error[unterminated-string]: text block is not closed:"
                                + " the file ends before its closing `\"\"\"`",
                        "test.offering:2:5: error[unclosed-block]: unexpected end of file:"
                                + " the `{` at line 1, column 22 is never closed"),
                errors("offering x version 1 { description \"\"\"abc\nmore"));
        assertEquals(
                List.of(
                        "test.offering:1:24: error[unterminated-comment]: comment is not closed:"
                                + " the file ends before its closing `*/`",
                        "test.offering:2:3: error[unclosed-block]: unexpected end of file:"
                                + " the `{` at line 1, column 22 is never closed"),
                errors("offering x version 1 { /* never closed\n }"));
    }

    @Test
    void invalidEscapeAtItsExactColumn() {
        ParseResult result = OfferingParser.parse("e.offering", "offering x version 1 { provider \"a\\n\\qb\" }");
        assertNull(result.ast());
        assertEquals(
                List.of("e.offering:1:37: error[invalid-escape]: invalid escape sequence `\\q`"),
                result.diagnostics().stream().map(Diagnostic::toLine).toList());
        assertEquals(
                new SourceSpan("e.offering", 1, 37, 1, 39),
                result.diagnostics().get(0).span());
    }

    @Test
    void onlyTheFirstErrorOfALineIsReported() {
        // The stray quote after `=` makes `q-s0` the next output's name and shifts every string of
        // the line: the `$` outside a string and the unterminated last string are not reported.
        assertEquals(
                List.of("test.offering:2:25: error[syntax]: unexpected `.`, expected `:`"),
                errors("offering x version 1 { outputs {\n  host : string = \"\"q-s0.${instance.id} $ \"desc\"\n} }"));
    }

    @Test
    void invalidEscapeInATextBlockOnALaterLine() {
        assertEquals(
                List.of("test.offering:3:7: error[invalid-escape]: invalid escape sequence `\\d`"),
                errors("offering x version 1 { description \"\"\"\n  fine\n  not \\d fine\n  \"\"\" }"));
    }

    @Test
    void invalidInterpolations() {
        assertEquals(
                List.of(
                        "test.offering:2:11: error[invalid-interpolation]: `${` is not closed in this string",
                        "test.offering:3:9: error[invalid-interpolation]: empty interpolation `${}`",
                        "test.offering:4:11: error[invalid-interpolation]: `instance` is not a reference",
                        "test.offering:5:9: error[invalid-interpolation]: `a. b` is not a reference"),
                errors("""
                        offering x version 1 { deployment {
                          name "a-${instance.id"
                          name "${}"
                          name "a-${instance}"
                          name "${a. b}"
                        } }
                        """));
    }

    @Test
    void dottedVersionUsedAsANumber() {
        assertEquals(
                List.of("test.offering:1:57: error[invalid-number]: `36.19.0` is not a number"),
                errors("offering x version 1 { cluster plan p { instances mysql 36.19.0 } }"));
    }

    @Test
    void strayCharacters() {
        assertEquals(
                List.of(
                        "test.offering:2:3: error[unexpected-character]: unexpected character `@`",
                        "test.offering:3:13: error[unexpected-character]: unexpected characters `#!`",
                        "test.offering:4:8: error[unexpected-character]: unexpected character `U+0007`"),
                errors("offering x version 1 {\n  @tags a, b // ok\n  tags a, b #!\n  tags \u0007 c\n}"));
    }

    @Test
    void duplicateReleaseSetting() {
        assertEquals(
                List.of("test.offering:3:3: error[duplicate-setting]: `url` is already set for release `r` at line 2"),
                errors("offering x version 1 { release r 1 {\n  url \"a\"\n  url \"b\"\n} }"));
    }

    @Test
    void everyErrorOfTheFileIsReportedOncePerLine() {
        assertEquals(
                List.of(
                        "test.offering:2:11: error[syntax]: unexpected `plam`, expected `plan`, `update`, `create` or"
                                + " `parameters` (did you mean `plan`?)",
                        "test.offering:3:3: error[syntax]: unexpected `descriptoin`, expected `;`, " + MEMBER
                                + " or `}` (did you mean `description`?)",
                        "test.offering:4:13: error[invalid-escape]: invalid escape sequence `\\w`",
                        "test.offering:5:10: error[syntax]: unexpected `b`, expected `,`, `;`, " + MEMBER + " or `}`",
                        "test.offering:6:3: error[unexpected-character]: unexpected character `%`",
                        "test.offering:7:14: error[syntax]: unexpected `b`, expected a number"),
                errors("""
                        offering x version 1 {
                          cluster plam small { vm_type x }
                          descriptoin "x"
                          provider "\\w"
                          tags a b c d
                          % shareable
                          limits { a b }
                        }
                        """));
    }

    @Test
    void diagnosticsCarryAHint() {
        Diagnostic diagnostic = OfferingParser.parse("h.offering", "offering x version 1 {\n  tags a b\n}")
                .diagnostics()
                .get(0);
        assertEquals(Severity.ERROR, diagnostic.severity());
        assertEquals("syntax", diagnostic.code());
        assertEquals("remove `b`, or write what is expected in its place", diagnostic.hint());
    }
}
