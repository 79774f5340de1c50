package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dedicate.dsl.ast.AstPrinter;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.SourceFile;
import org.junit.jupiter.api.Test;

/** Spans are 1-based, end just after the last character, and may end on a later line. */
class SpansTest {

    private static final String TEXT = """
            offering mysql version 1.4.0 {
              cluster plan cluster-small {
                disk 10GB;
                instances mysql 3, proxy 1
              }
              long_description \"""
                two
                lines\"""
              cluster parameters { size : bytes = 1GB; count : integer }
            }
            """;

    private static String span(int line, int column, int endLine, int endColumn) {
        return Parsing.FILE + "@" + line + ":" + column + "-" + endLine + ":" + endColumn;
    }

    private static String of(SourceSpan span) {
        return span.file() + "@" + span.line() + ":" + span.column() + "-" + span.endLine() + ":" + span.endColumn();
    }

    @Test
    void offeringCoversTheWholeBlock() {
        SourceFile file = Parsing.ast(TEXT);
        assertEquals(span(1, 1, 10, 2), of(file.span()));
        assertEquals(span(1, 10, 1, 15), of(file.name().span()));
        assertEquals(
                span(1, 24, 1, 29), of(((SourceFile.Offering) file).version().span()));
    }

    @Test
    void planAndItsSettings() {
        Member.Plan plan = (Member.Plan) Parsing.ast(TEXT).members().get(0);
        assertEquals(span(2, 3, 5, 4), of(plan.span()));
        assertEquals(span(2, 16, 2, 29), of(plan.name().span()));
        PlanSetting.Disk disk = (PlanSetting.Disk) plan.settings().get(0);
        assertEquals(span(3, 5, 3, 14), of(disk.span()), "a setting's span leaves out its `;`");
        assertEquals(span(3, 10, 3, 14), of(disk.size().span()));
        PlanSetting.Instances instances =
                (PlanSetting.Instances) plan.settings().get(1);
        assertEquals(span(4, 5, 4, 31), of(instances.span()));
        assertEquals(span(4, 24, 4, 31), of(instances.counts().get(1).span()));
        assertEquals(span(4, 30, 4, 31), of(instances.counts().get(1).count().span()));
    }

    @Test
    void textBlockEndsOnALaterLine() {
        Member.Metadata description =
                (Member.Metadata) Parsing.ast(TEXT).members().get(1);
        assertEquals("two\nlines", description.value().value());
        assertEquals(span(6, 20, 8, 13), of(description.value().span()));
        assertEquals(span(6, 3, 8, 13), of(description.span()));
    }

    @Test
    void parametersLeaveOutTheirSemicolon() {
        Member.Parameters parameters =
                (Member.Parameters) Parsing.ast(TEXT).members().get(2);
        ParameterDecl size = parameters.parameters().get(0);
        assertEquals(span(9, 24, 9, 42), of(size.span()));
        assertEquals(span(9, 31, 9, 36), of(size.type().span()));
        assertEquals(span(9, 44, 9, 59), of(parameters.parameters().get(1).span()));
    }

    @Test
    void printerShowsPositionsOnRequest() {
        Member.Plan plan = (Member.Plan) Parsing.ast(TEXT).members().get(0);
        assertEquals(
                "(plan@2:3-5:4 cluster cluster-small@2:16-2:29 (disk@3:5-3:14 10GB@3:10-3:14)"
                        + " (instances@4:5-4:31 (mysql@4:15-4:22 3@4:21-4:22) (proxy@4:24-4:31 1@4:30-4:31)))",
                AstPrinter.print(plan, true));
        assertEquals(
                "(plan cluster cluster-small (disk 10GB) (instances (mysql 3) (proxy 1)))", AstPrinter.print(plan));
    }

    @Test
    void fileNameIsKeptAsGiven() {
        ParseResult result = OfferingParser.parse("offerings/fragments/x.fragment", "fragment x {}");
        assertEquals(
                new SourceSpan("offerings/fragments/x.fragment", 1, 1, 1, 14),
                result.ast() == null ? null : result.ast().span());
    }
}
