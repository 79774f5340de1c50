package io.dedicate.dsl;

import io.dedicate.dsl.internal.CanonicalLayout;

/**
 * Lays an offering file (or fragment) out canonically: two-space indentation, one member per line,
 * single spaces between words, parameter options and release settings in one order, at most one
 * blank line between members, every comment kept where it was. Formatting the output again gives
 * the same bytes, and the output parses to the same offering.
 *
 * <pre>{@code
 * FormatResult result = OfferingFormatter.format("offerings/mysql.offering", Files.readString(path));
 * if (!result.hasErrors()) Files.writeString(path, result.text());
 * }</pre>
 *
 * <p>A file with a syntax error is not formatted: the result then has no text and carries the
 * parser's diagnostics.
 */
public final class OfferingFormatter {

    private OfferingFormatter() {}

    /**
     * Formats {@code text}.
     *
     * @param file the path shown in diagnostics
     * @param text the file's content
     * @return the canonical text, or the syntax errors that prevent formatting
     */
    public static FormatResult format(String file, String text) {
        ParseResult parsed = OfferingParser.parse(file, text);
        if (parsed.hasErrors()) {
            return new FormatResult(null, parsed.diagnostics());
        }
        return new FormatResult(CanonicalLayout.format(file, text), parsed.diagnostics());
    }
}
