package io.dedicate.compiler.emit;

import io.dedicate.bundle.YamlFlowEncoder;
import io.dedicate.dsl.SourceSpan;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the text of a YAML bundle template line by line, and turns compile-time text into
 * template text that Jinja leaves alone.
 *
 * <p>Every piece of text from the offering (names, URLs, literal values, comments) goes through
 * {@link #constant}: Jinja would otherwise execute a <code>{{</code>, <code>{%</code> or <code>
 * {#</code> in it. Values known only at render time are written by {@link ExpressionTemplates} as
 * <code>{{ code | yaml }}</code>.
 */
final class TemplateText {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Set<String> YAML_WORDS =
            Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf");

    private final StringBuilder out = new StringBuilder();

    /** Appends {@code text} (template text, already safe) at {@code indent} spaces. */
    TemplateText line(int indent, String text) {
        out.append(" ".repeat(indent)).append(text).append('\n');
        return this;
    }

    TemplateText blank() {
        out.append('\n');
        return this;
    }

    /** A YAML comment; {@code text} is compile-time text, written on one line. */
    TemplateText comment(int indent, String text) {
        return line(indent, "# " + constant(text.replaceAll("\\s+", " ").strip()));
    }

    /** A Jinja block tag on its own line ({@code if ...}, {@code endif}); the line itself renders to nothing. */
    TemplateText tag(int indent, String code) {
        return line(indent, "{% " + code + " %}");
    }

    /** {@code key: value}, with block values on the following lines. */
    TemplateText entry(int indent, String key, TemplateValue value) {
        String prefix = key(key) + ":";
        if (value instanceof TemplateValue.Flow flow) {
            return line(indent, prefix + " " + flow.text());
        }
        if (value instanceof TemplateValue.Mapping mapping) {
            if (mapping.entries().isEmpty()) {
                return line(indent, prefix + " {}");
            }
            line(indent, prefix);
            mapping.entries().forEach((k, v) -> entry(indent + 2, k, v));
            return this;
        }
        TemplateValue.Sequence sequence = (TemplateValue.Sequence) value;
        if (sequence.items().isEmpty()) {
            return line(indent, prefix + " []");
        }
        line(indent, prefix);
        sequence.items().forEach(item -> item(indent, item));
        return this;
    }

    /** {@code - value}: a sequence item at {@code indent}. */
    TemplateText item(int indent, TemplateValue value) {
        if (value instanceof TemplateValue.Flow flow) {
            return line(indent, "- " + flow.text());
        }
        TemplateText nested = new TemplateText();
        if (value instanceof TemplateValue.Mapping mapping && !mapping.entries().isEmpty()) {
            mapping.entries().forEach((k, v) -> nested.entry(indent + 2, k, v));
        } else if (value instanceof TemplateValue.Sequence sequence
                && !sequence.items().isEmpty()) {
            sequence.items().forEach(item -> nested.item(indent + 2, item));
        } else {
            return line(indent, "- " + (value instanceof TemplateValue.Mapping ? "{}" : "[]"));
        }
        String text = nested.toString();
        out.append(" ".repeat(indent)).append("- ").append(text.substring(indent + 2));
        return this;
    }

    /** Appends template text produced elsewhere. */
    TemplateText append(TemplateText other) {
        out.append(other.out);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A mapping key: plain when YAML reads it as that string, else a double-quoted scalar. */
    static String key(String name) {
        if (PLAIN_KEY.matcher(name).matches() && !YAML_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return constant(YamlFlowEncoder.encode(name, "key `" + name + "`"));
    }

    /**
     * A name (release, job, network...) as a flow node: plain when YAML reads it as that string
     * ({@code cf-mysql}), else double-quoted.
     */
    static TemplateValue.Flow word(String name) {
        return new TemplateValue.Flow(key(name));
    }

    /** A compile-time value (String, Long, BigDecimal, Boolean, List, Map) as a YAML flow node. */
    static TemplateValue.Flow literal(Object value) {
        return new TemplateValue.Flow(constant(YamlFlowEncoder.encode(value, "constant " + value)));
    }

    /**
     * {@code text} as template text that renders to exactly {@code text}: unchanged when it holds
     * no Jinja delimiter, else a Jinja string literal printed as is (<code>{{ '...' }}</code>).
     */
    static String constant(String text) {
        if (!text.contains("{{") && !text.contains("{%") && !text.contains("{#")) {
            return text;
        }
        return "{{ " + jinjaString(text) + " }}";
    }

    /** A Jinja string literal whose value is {@code text}. */
    static String jinjaString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * A shell script or other fixed text of ours, checked to be inert: no Jinja delimiter (Jinja
     * would run it) and no {@code ((} (Concourse would interpolate it).
     */
    static String script(String text) {
        for (String forbidden : new String[] {"{{", "{%", "{#", "(("}) {
            if (text.contains(forbidden)) {
                throw new IllegalArgumentException("fixed template text contains `" + forbidden + "`: " + text);
            }
        }
        return text;
    }

    /**
     * The lines of a block scalar ({@code |}) holding {@code script} at {@code indent}; the script
     * is checked with {@link #script}.
     */
    TemplateText lineBlock(int indent, String script) {
        for (String scriptLine : script(script).strip().split("\n", -1)) {
            out.append(scriptLine.isEmpty() ? "" : " ".repeat(indent) + scriptLine)
                    .append('\n');
        }
        return this;
    }

    /**
     * Where an element comes from, for comments: file name, line and column ({@code
     * mysql.offering:120:5}). Only the file name, so that the bundle does not depend on the path
     * the compiler was given.
     */
    static String where(SourceSpan span) {
        return source(span) + ":" + span.line() + ":" + span.column();
    }

    /** The file name of a span. */
    static String source(SourceSpan span) {
        Path name = Path.of(span.file()).getFileName();
        return name == null ? span.file() : name.toString();
    }

    /** Builds a {@link TemplateValue.Mapping} from ordered entries. */
    static TemplateValue.Mapping mapping(Map<String, TemplateValue> entries) {
        return new TemplateValue.Mapping(entries);
    }
}
