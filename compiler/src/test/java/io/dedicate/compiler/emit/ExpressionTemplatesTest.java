package io.dedicate.compiler.emit;

import static io.dedicate.compiler.emit.HandBuiltOfferings.concat;
import static io.dedicate.compiler.emit.HandBuiltOfferings.instance;
import static io.dedicate.compiler.emit.HandBuiltOfferings.lit;
import static io.dedicate.compiler.emit.HandBuiltOfferings.map;
import static io.dedicate.compiler.emit.HandBuiltOfferings.param;
import static io.dedicate.compiler.emit.HandBuiltOfferings.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.bundle.UnsafeValueException;
import io.dedicate.compiler.model.Expression;
import io.dedicate.compiler.model.Offering;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Focused cases of expression translation, on hand-built expressions in the compiled MySQL offering. */
class ExpressionTemplatesTest {

    private static final Offering MYSQL = CompiledOfferings.mysql();
    private final ExpressionTemplates expressions = new ExpressionTemplates(MYSQL);

    private JsonNode render(TemplateValue value, Map<String, Object> variables) {
        String template = new TemplateText().entry(0, "v", value).toString();
        return Rendering.yaml("test", template, variables).path("v");
    }

    private Map<String, Object> variables(String characterSet) {
        Map<String, Object> variables = Rendering.variables(MYSQL, "deploy");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) java.util.Objects.requireNonNull(variables.get("params"));
        params.put("character_set", characterSet);
        return variables;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"a'b\"c", "{{ 7*7 }}", "{% if x %}", "{# c", "}} {{", "line\nbreak", "back\\slash", "#x: y"})
    void literalsComeOutAsWrittenInEveryForm(String text) {
        assertEquals(
                text,
                render(expressions.boshValue(lit(text), true, "t"), variables("x"))
                        .textValue());
        assertEquals(
                "pre-" + text + "-utf8",
                render(expressions.yaml(concat(lit("pre-" + text + "-"), param("character_set"))), variables("utf8"))
                        .textValue());
        assertEquals(text, render(expressions.param(lit(text)), variables("x")).textValue());
    }

    @Test
    void textAroundBoshVariablesIsOneScalarWithEscapedParts() {
        Expression value =
                concat(lit("u:'{{\""), param("character_set"), lit("@"), vars("pw"), lit("/"), instance("id"));
        JsonNode rendered = render(expressions.boshValue(value, true, "t"), variables("a\"b: c"));
        assertEquals("u:'{{\"a\"b: c@((pw))/0b5e9c1e-7a51-4f36-9a0c-3d7e2b1f4a10", rendered.textValue());
        assertThrows(
                UnsafeValueException.class,
                () -> render(expressions.boshValue(value, true, "t"), variables("x((")),
                "a half sequence next to a BOSH variable could complete it");
    }

    @Test
    void nestedMapsInCodeDoNotCloseTheExpression() {
        Expression nested = map("a", map("b", map("c", param("character_set"))));
        TemplateValue.Flow json = new TemplateValue.Flow("{{ " + expressions.code(nested) + " | json | yaml }}");
        assertEquals(
                "{\"a\": {\"b\": {\"c\": \"x\"}}}", render(json, variables("x")).textValue());
    }

    @Test
    void boshVariablesAreRefusedInSharedDeploymentOpsAndRenderTimeCode() {
        assertThrows(IllegalArgumentException.class, () -> expressions.boshValue(vars("pw"), false, "hook h"));
        assertThrows(IllegalArgumentException.class, () -> expressions.code(vars("pw")));
        assertEquals(
                "((/shared/ca))",
                render(
                                expressions.boshValue(
                                        new Expression.Credhub("/shared/ca", HandBuiltOfferings.SPAN), false, "h"),
                                variables("x"))
                        .textValue());
    }
}
