package io.dedicate.compiler.emit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value in a template, before it is written: a one-line flow node (a constant, {@code {{
 * expr | yaml }}}, {@code "((var))"}), or a block mapping or sequence of such values. {@link
 * TemplateText} writes it with the right indentation.
 */
sealed interface TemplateValue {

    /** One line of template text that renders to exactly one YAML flow node. */
    record Flow(String text) implements TemplateValue {}

    /** A block mapping; keys are written with {@link TemplateText#key}. */
    record Mapping(Map<String, TemplateValue> entries) implements TemplateValue {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** A block sequence. */
    record Sequence(List<TemplateValue> items) implements TemplateValue {
        public Sequence {
            items = List.copyOf(items);
        }
    }
}
