package io.dedicate.compiler.docs;

import java.util.List;

/**
 * A document: a title and blocks of inline text. Text is plain (never markup): each renderer escapes
 * it for its format.
 */
record Page(String title, List<Page.Block> blocks) {

    Page {
        blocks = List.copyOf(blocks);
    }

    /** A block of the document. */
    sealed interface Block {}

    /** A heading of {@code level} 2 or 3 (the title is level 1). */
    record Heading(int level, String text, String anchor) implements Block {}

    record Paragraph(List<Inline> text) implements Block {
        Paragraph {
            text = List.copyOf(text);
        }
    }

    record Bullets(List<List<Inline>> items) implements Block {
        Bullets {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /** A table; every row has one cell per header. */
    record Table(List<String> headers, List<List<List<Inline>>> rows) implements Block {
        Table {
            headers = List.copyOf(headers);
            rows = rows.stream()
                    .map(row -> row.stream().map(List::copyOf).toList())
                    .toList();
            for (List<List<Inline>> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException("a row of " + row.size() + " cells under " + headers);
                }
            }
        }
    }

    /** Preformatted lines: shell commands. */
    record Code(String text) implements Block {}

    /** Inline text. */
    sealed interface Inline {}

    record Text(String text) implements Inline {}

    /** A name or value shown as code: {@code cluster-small}, {@code 1GB}. */
    record Literal(String text) implements Inline {}

    /** A link; only {@code http://} and {@code https://} targets become links, anything else stays text. */
    record Link(String text, String url) implements Inline {

        boolean isWeb() {
            return url.startsWith("https://") || url.startsWith("http://");
        }
    }

    static Text text(String text) {
        return new Text(text);
    }

    static Literal literal(String text) {
        return new Literal(text);
    }
}
