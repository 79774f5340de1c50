package io.dedicate.dsl;

import static io.dedicate.dsl.Parsing.members;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dedicate.dsl.ast.AstPrinter;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Node;
import io.dedicate.dsl.ast.SourceFile;
import org.junit.jupiter.api.Test;

/** Expressions and string literals: kinds, escapes, text blocks, interpolation with exact spans. */
class ExpressionsTest {

    /** The printed expression of {@code deployment { name EXPR }}. */
    private static String expr(String expression) {
        String printed = members("deployment { name " + expression + " }");
        return printed.substring("(deployment (name ".length(), printed.length() - 2);
    }

    /** The expression node of {@code deployment { name EXPR }} on line 1. */
    private static Node exprNode(String expression) {
        SourceFile file = Parsing.ast("offering o version 1 { deployment { name " + expression + " } }");
        Member.Deployment deployment = (Member.Deployment) file.members().get(0);
        return ((DeploymentSetting.DeploymentName) deployment.settings().get(0)).value();
    }

    @Test
    void literals() {
        assertEquals("\"text\"", expr("\"text\""));
        assertEquals("42", expr("42"));
        assertEquals("-1.5", expr("-1.5"));
        assertEquals("10GB", expr("10GB"));
        assertEquals("true", expr("true"));
        assertEquals("false", expr("false"));
    }

    @Test
    void referencesHaveTwoOrMoreSegmentsOfAnyNameKind() {
        assertEquals("(ref params.innodb_buffer_pool_size)", expr("params.innodb_buffer_pool_size"));
        assertEquals("(ref plan.instances.mysql)", expr("plan.instances.mysql"));
        assertEquals("(ref outputs.100mb.size)", expr("outputs.100mb.size"));
    }

    @Test
    void credhubListsAndMaps() {
        assertEquals("(credhub \"/c/admin\")", expr("credhub(\"/c/admin\")"));
        assertEquals("(list)", expr("[]"));
        assertEquals("(list 1 \"a\" (ref a.b))", expr("[1, \"a\", a.b,]"));
        assertEquals("(map)", expr("{}"));
        assertEquals(
                "(map (\"name\" \"p\") (\"two words\" (list (map (\"x\" 1)))))",
                expr("{ name: \"p\", \"two words\": [ { x: 1 } ], }"));
    }

    @Test
    void escapesAreDecoded() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\rf$g\"", expr("\"a\\\"b\\\\c\\nd\\te\\rf\\$g\""));
    }

    @Test
    void stringWithoutInterpolationStaysAString() {
        assertEquals("\"100% ${not} $ {x}\"", expr("\"100% \\${not} $ {x}\""));
    }

    @Test
    void interpolationsBecomeTemplates() {
        assertEquals("(template \"mysql-\" (ref instance.id))", expr("\"mysql-${instance.id}\""));
        assertEquals("(template (ref a.b))", expr("\"${a.b}\""));
        assertEquals("(template (ref a.b) \"-\" (ref c.d-e.f) \"${x}\")", expr("\"${a.b}-${c.d-e.f}\\${x}\""));
    }

    @Test
    void templatePartsPointInsideTheString() {
        // In `offering o version 1 { deployment { name "a\"b-${instance.id}!" } }` the string
        // starts at column 42: `a\"b-` is 43-47, `${` 48-49, `instance` 50-57, `id` 59-60, `!` 62.
        Node template = exprNode("\"a\\\"b-${instance.id}!\"");
        assertEquals(
                "(template@1:42-1:64 \"a\\\"b-\"@1:43-1:48 (ref@1:50-1:61 instance.id) \"!\"@1:62-1:63)",
                AstPrinter.print(template, true));
        Expr.Reference reference =
                (Expr.Reference) ((Expr.Template) template).parts().get(1);
        assertEquals(
                new SourceSpan(Parsing.FILE, 1, 50, 1, 58),
                reference.path().get(0).span());
        assertEquals(
                new SourceSpan(Parsing.FILE, 1, 59, 1, 61),
                reference.path().get(1).span());
    }

    @Test
    void interpolationIsOnlyForExpressions() {
        assertEquals("(description \"${a.b}\")", members("description \"${a.b}\""));
        assertEquals(
                "(parameters cluster (param p string (default \"${a.b}\")))",
                members("cluster parameters { p : string = \"${a.b}\" }"));
        assertEquals("(pipeline (image \"${a.b}\"))", members("pipeline { image \"${a.b}\" }"));
    }

    @Test
    void textBlockStripsCommonIndentationAndFirstAndLastLines() {
        String printed = members("""
                long_description \"""
                    First line
                      indented "quoted" \\$x
                    \\tlast line\\n
                    \"""
                """);
        assertEquals("(long_description \"First line\\n  indented \\\"quoted\\\" $x\\n\\tlast line\\n\")", printed);
    }

    @Test
    void textBlockClosingIndentationCountsAndBlankLinesStay() {
        String printed = members("description \"\"\"\n      a\n\n      b   \n    \"\"\"");
        assertEquals("(description \"  a\\n\\n  b\")", printed);
    }

    @Test
    void textBlockOnOneLine() {
        assertEquals("(description \"one line\")", members("description \"\"\"one line\"\"\""));
    }

    @Test
    void unicodeCountsAsOneColumnPerCodePoint() {
        Node template = exprNode("\"\uD83D\uDE80-${a.b}\"");
        assertEquals(
                "(template@1:42-1:52 \"\uD83D\uDE80-\"@1:43-1:45 (ref@1:47-1:50 a.b))",
                AstPrinter.print(template, true));
    }
}
