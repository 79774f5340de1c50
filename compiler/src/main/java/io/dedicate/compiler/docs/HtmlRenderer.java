package io.dedicate.compiler.docs;

import java.util.List;

/**
 * Renders a {@link Page} as one static HTML5 page: no script, a small inline style sheet, every
 * piece of text escaped ({@code & < > " '}), links only to {@code http(s)} targets.
 *
 * <pre>
 * &lt;!DOCTYPE html&gt;
 * &lt;html lang="en"&gt;
 * &lt;head&gt;&lt;meta charset="utf-8"&gt;&lt;title&gt;MySQL on demand (mysql-on-demand)&lt;/title&gt;...
 * &lt;h1&gt;MySQL on demand (mysql-on-demand)&lt;/h1&gt;
 * &lt;table&gt;&lt;thead&gt;&lt;tr&gt;&lt;th&gt;Plan&lt;/th&gt;...
 * </pre>
 */
final class HtmlRenderer {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.45;color:#1b1f24}"
            + "table{border-collapse:collapse;margin:1rem 0}"
            + "th,td{border:1px solid #c8ccd0;padding:.3rem .6rem;text-align:left;vertical-align:top}"
            + "th{background:#f3f4f6}code,pre{font-family:ui-monospace,monospace;background:#f3f4f6}"
            + "pre{padding:.8rem;overflow-x:auto}";

    private HtmlRenderer() {}

    static String render(Page page) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(page.title()))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(page.title()))
                .append("</h1>\n");
        for (Page.Block block : page.blocks()) {
            if (block instanceof Page.Heading heading) {
                out.append("<h")
                        .append(heading.level())
                        .append(" id=\"")
                        .append(escape(heading.anchor()))
                        .append("\">")
                        .append(escape(heading.text()))
                        .append("</h")
                        .append(heading.level())
                        .append(">\n");
            } else if (block instanceof Page.Paragraph paragraph) {
                out.append("<p>").append(inline(paragraph.text())).append("</p>\n");
            } else if (block instanceof Page.Bullets bullets) {
                out.append("<ul>\n");
                for (List<Page.Inline> item : bullets.items()) {
                    out.append("<li>").append(inline(item)).append("</li>\n");
                }
                out.append("</ul>\n");
            } else if (block instanceof Page.Table table) {
                table(table, out);
            } else if (block instanceof Page.Code code) {
                out.append("<pre><code>").append(escape(code.text())).append("</code></pre>\n");
            }
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void table(Page.Table table, StringBuilder out) {
        out.append("<table>\n<thead><tr>");
        for (String header : table.headers()) {
            out.append("<th>").append(escape(header)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<List<Page.Inline>> row : table.rows()) {
            out.append("<tr>");
            for (List<Page.Inline> cell : row) {
                out.append("<td>").append(inline(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String inline(List<Page.Inline> parts) {
        StringBuilder out = new StringBuilder();
        for (Page.Inline part : parts) {
            if (part instanceof Page.Text text) {
                out.append(escape(text.text()));
            } else if (part instanceof Page.Literal literal) {
                out.append("<code>").append(escape(literal.text())).append("</code>");
            } else if (part instanceof Page.Link link) {
                if (link.isWeb()) {
                    out.append("<a href=\"")
                            .append(escape(link.url()))
                            .append("\">")
                            .append(escape(link.text()))
                            .append("</a>");
                } else {
                    out.append(escape(link.text()));
                }
            }
        }
        return out.toString();
    }

    /** Text made inert in HTML content and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
