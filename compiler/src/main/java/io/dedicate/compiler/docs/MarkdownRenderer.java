package io.dedicate.compiler.docs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Page} as CommonMark with GitHub tables. Text is backslash-escaped wherever
 * Markdown could read it as markup; literals are code spans with a fence longer than any run of
 * backticks inside; commands are fenced code blocks.
 *
 * <pre>
 * # MySQL on demand (`mysql-on-demand`)
 *
 * | Plan | Description | ... |
 * | --- | --- | ... |
 * | `cluster-small` | 3 mysql nodes, 1 proxy, 10 GB disk | ... |
 * </pre>
 */
final class MarkdownRenderer {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownRenderer() {}

    static String render(Page page) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(page.title())).append("\n");
        for (Page.Block block : page.blocks()) {
            out.append("\n");
            if (block instanceof Page.Heading heading) {
                out.append("#".repeat(heading.level()))
                        .append(' ')
                        .append(escape(heading.text()))
                        .append("\n");
            } else if (block instanceof Page.Paragraph paragraph) {
                out.append(inline(paragraph.text(), false)).append("\n");
            } else if (block instanceof Page.Bullets bullets) {
                for (List<Page.Inline> item : bullets.items()) {
                    out.append("- ").append(inline(item, false)).append("\n");
                }
            } else if (block instanceof Page.Table table) {
                table(table, out);
            } else if (block instanceof Page.Code code) {
                String fence = fence(code.text(), "```");
                out.append(fence)
                        .append("sh\n")
                        .append(code.text())
                        .append("\n")
                        .append(fence)
                        .append("\n");
            }
        }
        return out.toString();
    }

    private static void table(Page.Table table, StringBuilder out) {
        out.append("|");
        for (String header : table.headers()) {
            out.append(' ').append(escape(header)).append(" |");
        }
        out.append("\n|");
        out.append(" --- |".repeat(table.headers().size()));
        out.append("\n");
        for (List<List<Page.Inline>> row : table.rows()) {
            out.append("|");
            for (List<Page.Inline> cell : row) {
                String text = inline(cell, true);
                out.append(' ').append(text.isEmpty() ? " " : text).append(" |");
            }
            out.append("\n");
        }
    }

    private static String inline(List<Page.Inline> parts, boolean inTable) {
        StringBuilder out = new StringBuilder();
        for (Page.Inline part : parts) {
            boolean lineStart = out.isEmpty() && !inTable;
            if (part instanceof Page.Text text) {
                out.append(lineStart ? escape(text.text()) : escapeInline(text.text()));
            } else if (part instanceof Page.Literal literal) {
                out.append(codeSpan(literal.text(), inTable));
            } else if (part instanceof Page.Link link) {
                if (link.isWeb()) {
                    out.append('[')
                            .append(escapeInline(link.text()))
                            .append("](<")
                            .append(link.url()
                                    .replace("<", "%3C")
                                    .replace(">", "%3E")
                                    .replace(" ", "%20"))
                            .append(">)");
                } else {
                    out.append(lineStart ? escape(link.text()) : escapeInline(link.text()));
                }
            }
        }
        return out.toString();
    }

    /** A code span; in a table a {@code |} needs its backslash even inside one (GitHub tables split first). */
    private static String codeSpan(String text, boolean inTable) {
        String flat = text.replace('\n', ' ');
        if (inTable) {
            flat = flat.replace("|", "\\|");
        }
        String fence = fence(flat, "`");
        String pad = flat.startsWith("`") || flat.endsWith("`") || flat.isBlank() ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** {@code shortest}, or a run of backticks longer than any inside {@code text}. */
    private static String fence(String text, String shortest) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest < shortest.length() ? shortest : "`".repeat(longest + 1);
    }

    /**
     * Plain text made inert: every character Markdown may read as markup anywhere in a line ({@code
     * \ ` * _ [ ] < > | ~ &}) is backslash-escaped (CommonMark allows a backslash before any ASCII
     * punctuation), and so is a block marker at the start ({@code # + - =}, or the {@code .} or {@code
     * )} after leading digits); line breaks become spaces.
     */
    static String escape(String text) {
        return escape(text, true);
    }

    /** {@link #escape} for text that does not start a line: block markers need no escape there. */
    static String escapeInline(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean lineStart) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&' ->
                    out.append('\\').append(c);
                case '#', '+', '-', '=' ->
                    out.append(lineStart && i == 0 ? "\\" : "").append(c);
                case '.', ')' ->
                    out.append(lineStart && afterDigits(text, i) ? "\\" : "").append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean afterDigits(String text, int index) {
        return index > 0 && text.substring(0, index).chars().allMatch(Character::isDigit);
    }
}
