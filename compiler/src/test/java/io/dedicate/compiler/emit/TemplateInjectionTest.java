package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.UnsafeValueException;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile values in every string parameter and instance field, rendered into every template of
 * the compiled {@code offerings/}: the parsed structure never changes, the value comes back
 * verbatim where it is inserted, and {@code ((secret))} is refused.
 */
class TemplateInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Offering> OFFERINGS = CompiledOfferings.offerings();
    private static final MemoryManifest FILES = CompiledOfferings.emit(OFFERINGS);

    static final List<String> HOSTILE = List.of(
            "x\"\n  malicious: true",
            "{{ 7*7 }}",
            "{% raw %}",
            "{# comment",
            "}}",
            "'",
            "\"",
            "#",
            ": ",
            "- item",
            "a\nb\r\nc\u2028d",
            "tab\there",
            "\\",
            "&anchor *alias !!binary",
            "Zoë 😀 中文",
            "$(id) `id` ${HOME}",
            "",
            "null");

    /**
     * Where hostile values go: every instance field (the GUIDs too: the broker checks them, the
     * templates must not rely on it) and every string-typed cluster parameter.
     */
    private static List<String> fields(Offering offering) {
        Set<String> fields = new LinkedHashSet<>(List.of(
                "instance.name",
                "instance.org",
                "instance.space",
                "instance.id",
                "instance.org_guid",
                "instance.space_guid"));
        List<Parameter> parameters = new ArrayList<>(offering.parameters().clusterCreate());
        parameters.addAll(offering.parameters().clusterUpdate());
        for (Parameter parameter : parameters) {
            if (parameter.type() == ParameterType.STRING || parameter.type() == ParameterType.ENUM) {
                fields.add("params." + parameter.name());
            }
        }
        return List.copyOf(fields);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (CompiledOfferings.Rendition rendition : CompiledOfferings.renditions(OFFERINGS, FILES)) {
            Offering offering = OFFERINGS.stream()
                    .filter(o -> rendition.path().contains("/" + o.name() + "/"))
                    .findFirst()
                    .orElseThrow();
            for (String field : fields(offering)) {
                cases.add(Arguments.of(rendition, field));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void hostileValuesChangeNoStructureAndComeBackVerbatim(CompiledOfferings.Rendition rendition, String field) {
        String template = FILES.text(rendition.path());
        String marker = "benign-" + field.replace('.', '-');
        JsonNode benign = Rendering.yaml(rendition.toString(), template, with(rendition.variables(), field, marker));
        boolean inserted = benign.toString().contains(marker);
        for (String hostile : HOSTILE) {
            JsonNode rendered =
                    Rendering.yaml(rendition.toString(), template, with(rendition.variables(), field, hostile));
            assertEquals(
                    shape(benign),
                    shape(rendered),
                    rendition + ": " + field + " = " + hostile + " changed the structure");
            assertVerbatim(benign, rendered, marker, hostile, rendition + " " + field + " = " + hostile);
        }
        Map<String, Object> secret = with(rendition.variables(), field, "pre-((secret))-post");
        if (inserted) {
            UnsafeValueException e = assertThrows(
                    UnsafeValueException.class, () -> Rendering.render(rendition.toString(), template, secret));
            assertEquals(field, e.variable(), e.getMessage());
            assertEquals(
                    "value of `" + field + "` contains `((secret))`, which BOSH/Concourse would interpolate;"
                            + " `((`...`))` is not allowed in parameter values",
                    e.getMessage());
        } else {
            Rendering.render(rendition.toString(), template, secret);
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void metaPipelineKeepsItsStructure(String hostile) {
        String template = FILES.text(BundleLayout.META_PIPELINE);
        // an empty org is the root's shape (the broker never names an org ""): the shard gets the others
        String org = hostile.isEmpty() ? "benign-org" : hostile;
        JsonNode benign = Rendering.yaml("meta", template, meta("benign-org", "benign-name", "benign-path"));
        JsonNode rendered = Rendering.yaml("meta", template, meta(org, hostile, hostile));
        assertEquals(shape(benign), shape(rendered));
        assertEquals(
                "self",
                rendered.path("jobs")
                        .get(0)
                        .path("plan")
                        .get(1)
                        .path("set_pipeline")
                        .textValue());
        assertEquals(
                "deployments/" + org + "/meta-pipeline.yml",
                rendered.path("jobs").get(0).path("plan").get(1).path("file").textValue());
        JsonNode step = rendered.path("jobs").get(1).path("plan").get(1);
        assertEquals("dedicated-cluster", step.path("set_pipeline").textValue());
        assertEquals(hostile, step.path("instance_vars").path("instance").textValue());
        assertEquals(
                "deployments/" + hostile + "/pipeline.yml", step.path("file").textValue());
        assertThrows(
                UnsafeValueException.class, () -> Rendering.render("meta", template, meta("o", "((secret))", "p")));
        assertThrows(
                UnsafeValueException.class, () -> Rendering.render("meta", template, meta("((secret))", "n", "p")));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("org", "");
        root.put("orgs", List.of(hostile));
        root.put("instances", List.of());
        root.put("git", Map.of("uri", "git@example.com:d.git", "branch", "main"));
        JsonNode shard = Rendering.yaml("root meta", template, root)
                .path("jobs")
                .get(1)
                .path("plan")
                .get(1);
        assertEquals("dedicated-org", shard.path("set_pipeline").textValue());
        assertEquals(hostile, shard.path("instance_vars").path("org").textValue());
        assertEquals(
                "deployments/" + hostile + "/meta-pipeline.yml",
                shard.path("file").textValue());
    }

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    private static Map<String, Object> meta(String org, String name, String path) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("org", org);
        variables.put("orgs", List.of());
        variables.put("instances", List.of(Map.of("name", name, "path", path)));
        variables.put("git", Map.of("uri", "git@example.com:d.git", "branch", "main"));
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> variables, String field, String value) {
        Map<String, Object> copy = deepCopy(variables);
        int dot = field.indexOf('.');
        ((Map<String, Object>) java.util.Objects.requireNonNull(copy.get(field.substring(0, dot))))
                .put(field.substring(dot + 1), value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) ->
                copy.put(key, value instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : value));
        return copy;
    }

    /** Keys, nesting and node types; string values are reduced to their type (JSON held in strings too). */
    private static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                fields.put(entry.getKey(), shape(entry.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(shape(item)));
            return items;
        }
        JsonNode embedded = embeddedJson(node);
        return embedded != null
                ? List.of("json", shape(embedded))
                : node.getNodeType().name();
    }

    /** The values of task params such as OUTPUTS and OPS_FILE are JSON documents in strings. */
    private static @org.jspecify.annotations.Nullable JsonNode embeddedJson(JsonNode node) {
        String text = node.textValue();
        if (text == null || !(text.startsWith("{") || text.startsWith("["))) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Wherever the benign rendering has the marker, the hostile one has the hostile value instead. */
    private static void assertVerbatim(JsonNode benign, JsonNode hostile, String marker, String value, String where) {
        if (benign.isObject()) {
            benign.fieldNames()
                    .forEachRemaining(
                            name -> assertVerbatim(benign.get(name), hostile.get(name), marker, value, where));
        } else if (benign.isArray()) {
            for (int i = 0; i < benign.size(); i++) {
                assertVerbatim(benign.get(i), hostile.get(i), marker, value, where);
            }
        } else if (benign.isTextual() && benign.textValue().contains(marker)) {
            JsonNode embedded = embeddedJson(benign);
            JsonNode hostileEmbedded = embeddedJson(hostile);
            if (embedded != null && hostileEmbedded != null) {
                assertVerbatim(embedded, hostileEmbedded, marker, value, where);
            } else {
                assertEquals(benign.textValue().replace(marker, value), hostile.textValue(), where);
            }
        }
    }
}
