package io.dedicate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A template parsed once renders like {@link TemplateRenderer#render}, any number of times. */
class PreparedTemplateTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private static final String TEMPLATE = """
            name: {{ instance.name | yaml }}
            {% if operation.kind == 'update' %}
            update: true
            {% endif %}
            """;

    @Test
    void rendersOncePreparedTemplateWithDifferentVariables() {
        TemplateRenderer.PreparedTemplate prepared = renderer.prepare("t.yml.j2", TEMPLATE);
        Map<String, Object> first = Map.of("instance", Map.of("name", "a"), "operation", Map.of("kind", "deploy"));
        Map<String, Object> second = Map.of("instance", Map.of("name", "b\" x"), "operation", Map.of("kind", "update"));
        assertEquals("name: \"a\"\n", prepared.render(first));
        assertEquals("name: \"b\\\" x\"\nupdate: true\n", prepared.render(second));
        assertEquals(renderer.render("t.yml.j2", TEMPLATE, first), prepared.render(first));
        assertEquals(renderer.render("t.yml.j2", TEMPLATE, second), prepared.render(second));
    }

    @Test
    void preparedTemplateStaysStrictAndSafe() {
        TemplateRenderer.PreparedTemplate prepared = renderer.prepare("t.yml.j2", TEMPLATE);
        TemplateRenderException undefined =
                assertThrows(TemplateRenderException.class, () -> prepared.render(Map.of("instance", Map.of())));
        assertTrue(undefined.getMessage().contains("t.yml.j2"), undefined.getMessage());
        assertThrows(
                UnsafeValueException.class,
                () -> prepared.render(
                        Map.of("instance", Map.of("name", "((secret))"), "operation", Map.of("kind", "deploy"))));
    }

    @Test
    void aSyntaxErrorIsReportedWhenPreparing() {
        TemplateRenderException e = assertThrows(
                TemplateRenderException.class, () -> renderer.prepare("bad.yml.j2", "{% if x %}\nnever closed\n"));
        assertTrue(e.getMessage().contains("bad.yml.j2"), e.getMessage());
    }

    @Test
    void readsSaysWhetherATagOrExpressionNamesTheVariable() {
        assertTrue(renderer.prepare("t", TEMPLATE).reads("operation"));
        assertTrue(renderer.prepare("t", TEMPLATE).reads("instance"));
        assertFalse(renderer.prepare("t", TEMPLATE).reads("plan"));
        // named only in text, or as part of a longer name: not read
        assertFalse(renderer.prepare("t", "# operation kind\nx: {{ operations | yaml }}\n")
                .reads("operation"));
        // in an expression, a nested block's tag, an else branch
        assertTrue(
                renderer.prepare("t", "a: {{ ('x' ~ operation.id) | yaml }}\n").reads("operation"));
        assertTrue(renderer.prepare("t", "{% if a %}\n{% for k in operation %}\nb\n{% endfor %}\n{% endif %}\n")
                .reads("operation"));
        assertTrue(renderer.prepare("t", "{% if a %}\nb\n{% else %}\n{{ operation.kind }}\n{% endif %}\n")
                .reads("operation"));
        // a template that includes or imports another counts as reading everything
        assertTrue(renderer.prepare("t", "{% include 'other.j2' %}\n").reads("operation"));
        assertTrue(renderer.prepare("t", "{% from 'm.j2' import x %}\n").reads("operation"));
    }
}
