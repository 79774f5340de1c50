package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.fail;

import io.dedicate.dsl.ast.AstPrinter;
import io.dedicate.dsl.ast.SourceFile;
import java.util.List;
import java.util.stream.Collectors;

/** Shortcuts for parser tests: parse a snippet and print its AST, or its diagnostics. */
final class Parsing {

    static final String FILE = "test.offering";

    private Parsing() {}

    /** The AST of a file that must parse without diagnostics. */
    static SourceFile ast(String text) {
        ParseResult result = OfferingParser.parse(FILE, text);
        SourceFile ast = result.ast();
        if (ast == null || !result.diagnostics().isEmpty()) {
            return fail("expected no diagnostics, got:\n" + lines(result));
        }
        return ast;
    }

    /** The S-expression of a file that must parse without diagnostics. */
    static String printed(String text) {
        return AstPrinter.print(ast(text));
    }

    /** The S-expression of the members of {@code offering o version 1 { members }}. */
    static String members(String members) {
        String printed = printed("offering o version 1 {\n" + members + "\n}");
        String prefix = "(offering o \"1\"";
        return printed.substring(prefix.length(), printed.length() - 1).strip();
    }

    /** The one-line diagnostics of a file that must fail to parse. */
    static List<String> errors(String text) {
        ParseResult result = OfferingParser.parse(FILE, text);
        SourceFile ast = result.ast();
        if (ast != null) {
            fail("expected errors, got an AST: " + AstPrinter.print(ast));
        }
        return result.diagnostics().stream().map(Diagnostic::toLine).toList();
    }

    static String lines(ParseResult result) {
        return result.diagnostics().stream().map(Diagnostic::toLine).collect(Collectors.joining("\n"));
    }
}
