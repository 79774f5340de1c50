package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateReadsTest {

    @Test
    void readsWithoutDefaultCount() {
        assertEquals(
                List.of("a.b", "c"), TemplateReads.required("<%= p(\"a.b\") %> <%= p( 'c' ) %> <%= p(\"a.b\") %>"));
    }

    @Test
    void defaultsOptionalReadsAndLinksDoNot() {
        String erb = """
                <%= p("with.default", 3306) %>
                <% if_p("optional") do |value| %><%= value %><% end %>
                <%= link("mysql").p("port") %>
                <%= link('db').p('host') %>
                <%= esc_p("x") %>
                """;
        assertEquals(List.of(), TemplateReads.required(erb));
    }

    @Test
    void aReadInsideAnExpressionCounts() {
        assertEquals(
                List.of("tls.ca"), TemplateReads.required("<%= [p(\"tls.ca\")].join %>\n<% if p(\"x\", false) %>"));
    }
}
