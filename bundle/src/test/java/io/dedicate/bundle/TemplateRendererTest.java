package io.dedicate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRendererTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateRenderer renderer = new TemplateRenderer();

    private static Map<String, Object> params(Object value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("x", value);
        return Map.of("params", params, "instance", Map.of("id", "abc", "name", "my-db"));
    }

    @Test
    void undefinedTopLevelVariableIsNamed() {
        TemplateRenderException e = assertThrows(
                TemplateRenderException.class,
                () -> renderer.render("t.yml.j2", "a: {{ nope | yaml }}\n", params("v")));
        assertTrue(e.getMessage().contains("`nope`"), e.getMessage());
        assertTrue(e.getMessage().contains("t.yml.j2"), e.getMessage());
    }

    @Test
    void undefinedKeyIsNamedWithItsPath() {
        TemplateRenderException e = assertThrows(
                TemplateRenderException.class,
                () -> renderer.render("t.yml.j2", "a: {{ params.missing | yaml }}\n", params("v")));
        assertTrue(e.getMessage().contains("`params.missing`"), e.getMessage());
        assertTrue(e.getMessage().contains("params has: x"), e.getMessage());
    }

    @Test
    void undefinedKeyWithoutFilterAndInBracketsFails() {
        assertThrows(TemplateRenderException.class, () -> renderer.render("t", "{{ params.missing }}", params("v")));
        TemplateRenderException e = assertThrows(
                TemplateRenderException.class, () -> renderer.render("t", "{{ instance['org'] | yaml }}", params("v")));
        assertTrue(e.getMessage().contains("`instance.org`"), e.getMessage());
    }

    @Test
    void nullValueIsNotUndefined() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("x", null);
        assertEquals("a: null\n", renderer.render("t", "a: {{ params.x | yaml }}\n", Map.of("params", params)));
    }

    @Test
    void jinjaInsideValuesStaysLiteral() {
        assertEquals("{{ 7*7 }}", renderer.render("t", "{{ params.x }}", params("{{ 7*7 }}")));
        assertEquals("a: \"{{ 7*7 }}\"\n", renderer.render("t", "a: {{ params.x | yaml }}\n", params("{{ 7*7 }}")));
        assertEquals(
                "a: \"{% raw %}{{ instance.id }}\"\n",
                renderer.render("t", "a: {{ params.x | yaml }}\n", params("{% raw %}{{ instance.id }}")));
    }

    @Test
    void interpolationSequenceIsRefusedNamingTheVariable() {
        UnsafeValueException e = assertThrows(
                UnsafeValueException.class,
                () -> renderer.render("t", "a: {{ params.x | yaml }}\n", params("pre ((secret)) post")));
        assertEquals("params.x", e.variable());
        assertEquals(
                "value of `params.x` contains `((secret))`, which BOSH/Concourse would interpolate;"
                        + " `((`...`))` is not allowed in parameter values",
                e.getMessage());
    }

    @Test
    void interpolationSequenceIsRefusedInNestedValuesConcatenationsAndEveryFilter() {
        assertThrows(
                UnsafeValueException.class,
                () -> renderer.render("t", "a: {{ params.x | yaml }}", params(List.of("ok", Map.of("k", "((!x))")))));
        UnsafeValueException e = assertThrows(
                UnsafeValueException.class,
                () -> renderer.render("t", "a: {{ ('(' ~ params.x ~ ')') | yaml }}", params("(a.b)")));
        assertTrue(e.getMessage().contains("((a.b))"), e.getMessage());
        for (String filter : List.of("json", "text", "yaml_chars")) {
            assertThrows(
                    UnsafeValueException.class,
                    () -> renderer.render("t", "a: {{ params.x | " + filter + " }}", params("((source:path.f))")),
                    filter);
        }
        assertThrows(
                UnsafeValueException.class,
                () -> renderer.render("t", "a: \"x{{ params.x | yaml_chars }}((v))\"", params("y((")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x\"\n  malicious: true",
                "{{ 7*7 }}",
                "{% raw %}",
                "}}",
                "'",
                "#",
                ": ",
                "- a\n- b",
                "line\r\nbreak\ttab\u0000nul\u0085nel\u2028ls\ufeffbom",
                "Zoë ünïcødé 😀 中文",
                "\\",
                "&anchor *alias !tag %directive @ `",
                "null",
                "true",
                "0x1F",
                "",
                "  leading and trailing  ",
                "(single)"
            })
    void hostileStringsComeBackVerbatimAsOneScalar(String hostile) throws Exception {
        String out = renderer.render("t", """
                a: {{ params.x | yaml }}
                list: [{{ params.x | yaml }}]
                after: 1
                param: {{ params.x | text | yaml }}
                json: {{ {'k': params.x} | json | yaml }}
                inner: "<{{ params.x | yaml_chars }}>"
                """, params(hostile));
        JsonNode tree = YAML.readTree(out);
        assertEquals(List.of("a", "list", "after", "param", "json", "inner"), fieldNames(tree), out);
        assertEquals(hostile, tree.get("a").textValue(), out);
        assertEquals(hostile, tree.get("list").get(0).textValue(), out);
        assertEquals(hostile, tree.get("param").textValue(), out);
        assertEquals(
                hostile, JSON.readTree(tree.get("json").textValue()).get("k").textValue(), out);
        assertEquals("<" + hostile + ">", tree.get("inner").textValue(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"((", "))", "a((b", "x)) y"})
    void halfSequencesPassAsScalarsButNotNextToBoshVariables(String half) throws Exception {
        String out = renderer.render("t", "a: {{ params.x | yaml }}\n", params(half));
        assertEquals(half, YAML.readTree(out).get("a").textValue());
        assertThrows(
                UnsafeValueException.class,
                () -> renderer.render("t", "a: \"{{ params.x | yaml_chars }}((v))\"\n", params(half)));
    }

    @Test
    void valuesAreEncodedAsJsonFlowNodes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1L);
        map.put("a", List.of(true, "s", new BigDecimal("1.50")));
        map.put("n", null);
        assertEquals(
                "{\"b\": 1, \"a\": [true, \"s\", 1.50], \"n\": null}",
                renderer.render("t", "{{ params.x | yaml }}", params(map)));
        assertEquals("2.5", renderer.render("t", "{{ params.x | yaml }}", params(2.5d)));
        assertEquals("100000000000000000000.0", renderer.render("t", "{{ params.x | yaml }}", params(1e20)));
        assertEquals("3306", renderer.render("t", "{{ params.x | text }}", params(3306)));
        assertEquals("[\"a\"]", renderer.render("t", "{{ params.x | text }}", params(List.of("a"))));
        assertThrows(
                TemplateRenderException.class, () -> renderer.render("t", "{{ params.x | yaml }}", params(Double.NaN)));
    }

    @Test
    void unsupportedVariableTypesAreRefused() {
        TemplateRenderException e =
                assertThrows(TemplateRenderException.class, () -> renderer.render("t", "x", params(new Object())));
        assertTrue(e.getMessage().contains("`params.x`"), e.getMessage());
    }

    @Test
    void syntaxErrorsAndUnknownFiltersFailNamingTheTemplate() {
        TemplateRenderException e = assertThrows(
                TemplateRenderException.class, () -> renderer.render("bad.yml.j2", "a\n{% if %}\n", params("v")));
        assertTrue(e.getMessage().contains("bad.yml.j2"), e.getMessage());
        assertThrows(
                TemplateRenderException.class,
                () -> renderer.render("t", "{{ params.x | nosuchfilter }}", params("v")));
    }

    @Test
    void renderingIsDeterministicAndUsesNewlines() {
        String template = "a: {{ params.x | yaml }}\r\n{% for i in [1, 2] %}\r\n- {{ i | yaml }}\r\n{% endfor %}\r\n";
        String first = renderer.render("t", template, params(Map.of("k", "v")));
        assertEquals("a: {\"k\": \"v\"}\n- 1\n- 2\n", first);
        for (int i = 0; i < 5; i++) {
            assertEquals(first, new TemplateRenderer().render("t", template, params(Map.of("k", "v"))));
        }
    }

    @Test
    void variablesAreCopiedNotShared() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> variables = params(list);
        assertEquals("[\"a\"]", renderer.render("t", "{{ params.x | yaml }}", variables));
        list.add("b");
        assertEquals("[\"a\", \"b\"]", renderer.render("t", "{{ params.x | yaml }}", variables));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void unsafeValueIsATemplateRenderException() {
        assertInstanceOf(TemplateRenderException.class, new UnsafeValueException("params.x", "((a))"));
    }
}
