package io.dedicate.compiler.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dedicate.bundle.TemplateRenderer;
import io.dedicate.compiler.model.Offering;
import java.util.Map;

/**
 * Renders bundle templates as the broker does and parses the result, with sample variables of one
 * instance as the broker provides them.
 */
final class Rendering {

    private static final TemplateRenderer RENDERER = new TemplateRenderer();
    private static final YAMLMapper YAML = new YAMLMapper();

    private Rendering() {}

    static String render(String name, String template, Map<String, Object> variables) {
        return RENDERER.render(name, template, variables);
    }

    static JsonNode yaml(String name, String template, Map<String, Object> variables) {
        String text = render(name, template, variables);
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(name + " did not render to YAML: " + e.getMessage() + "\n" + text, e);
        }
    }

    /**
     * Sample template variables of one instance, as the broker provides them: the first cluster
     * plan, every cluster parameter with its default or a value of its type ({@link
     * TemplateSamples}, which the compiler's render check uses too).
     */
    static Map<String, Object> variables(Offering offering, String operationKind) {
        return TemplateSamples.instance(offering, offering.plans().cluster().get(0), operationKind);
    }
}
