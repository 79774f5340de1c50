package io.dedicate.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TextNode;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jinjava.javax.el.CompositeELResolver;
import org.jspecify.annotations.Nullable;

/**
 * Renders bundle templates (Jinjava) for one service instance, safely and deterministically. Used
 * by the compiler (to check its templates) and by the broker (per instance and operation).
 *
 * <p>Configuration and why:
 *
 * <ul>
 *   <li><b>Strict variables</b>: a template that reads a variable or key that does not exist
 *       ({@code params.missing}, {@code nope}) fails with a message naming the template and the
 *       variable, instead of Jinja's silent empty value that would deploy a wrong manifest.
 *   <li><b>No nested interpretation</b>: a value such as <code>{{ 7*7 }}</code> comes out as those
 *       characters; values are data, never template code.
 *   <li><b>No auto-escaping</b>: nothing is HTML-escaped behind our back; the templates escape every
 *       value explicitly with the filters of {@link EscapingFilters} ({@code yaml}, {@code json},
 *       {@code text}, {@code yaml_chars}), which refuse values containing BOSH/Concourse
 *       interpolation sequences ({@code ((secret))}) with an {@link UnsafeValueException}.
 *   <li><b>Determinism</b>: fixed locale ({@link Locale#ROOT}) and time zone (UTC); templates are
 *       read with {@code \n} line endings ({@code \r\n} and {@code \r} are normalised), trailing
 *       newlines kept, block tags on their own line removed with their line ({@code trim_blocks},
 *       {@code lstrip_blocks}). The same template and variables always give the same text.
 * </ul>
 *
 * <p>Instances are thread-safe: each render has its own interpreter and context. Parse a template
 * once with {@link #prepare} and render the {@link PreparedTemplate} as often as needed.
 */
public final class TemplateRenderer {

    private static final long MAX_OUTPUT_BYTES = 16L * 1024 * 1024;

    /**
     * Jinjava's own JSON mapper (a plain {@link ObjectMapper} with the JDK 8 module, what Jinjava
     * builds for each configuration when given none), built once: configured, it is thread-safe, and
     * every render has its own configuration.
     */
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper().registerModule(new Jdk8Module());

    /** The configuration templates are parsed with (no variables, so no lookups). */
    private static final JinjavaConfig PARSING = configuration(null);

    private final Jinjava jinjava = new Jinjava(PARSING);

    /**
     * Renders {@code template} with {@code variables}.
     *
     * @param templateName the template's bundle path, for error messages
     * @param variables JSON-like values (String, Number, Boolean, null, Map with string keys, List)
     * @throws UnsafeValueException if an inserted value contains {@code ((...))} (a 400 for the
     *     broker)
     * @throws TemplateRenderException for any other failure: undefined variable, syntax error,
     *     unsupported value type
     */
    public String render(String templateName, String template, Map<String, ?> variables) {
        return prepare(templateName, template).render(variables);
    }

    /**
     * Parses {@code template} once, for rendering it many times (per instance, per operation kind,
     * per plan) without parsing it again.
     *
     * @throws TemplateRenderException if the template has a syntax error
     */
    public PreparedTemplate prepare(String templateName, String template) {
        String text = template.replace("\r\n", "\n").replace('\r', '\n');
        JinjavaConfig config = PARSING;
        JinjavaInterpreter parser = new JinjavaInterpreter(
                jinjava, new Context(jinjava.getGlobalContext(), Map.of(), config.getDisabled()), config);
        Node root;
        try (var current = JinjavaInterpreter.closeablePushCurrent(parser).get()) {
            root = current.value().parse(text);
        } catch (RuntimeException e) {
            throw new TemplateRenderException("template `" + templateName + "` cannot be parsed: " + e.getMessage());
        }
        String fatal = fatalErrors(templateName, parser);
        if (!fatal.isEmpty()) {
            throw new TemplateRenderException("template `" + templateName + "` cannot be parsed: " + fatal);
        }
        return new PreparedTemplate(templateName, root);
    }

    /** A parsed template; immutable, and rendered by any number of threads at once. */
    public final class PreparedTemplate {

        private final String templateName;
        private final Node root;

        private PreparedTemplate(String templateName, Node root) {
            this.templateName = templateName;
            this.root = root;
        }

        public String name() {
            return templateName;
        }

        /**
         * Whether the template's code can read the top-level variable {@code variable}: some tag or
         * expression names it as a word. When it does not, renderings whose variables differ only in
         * that one give the same text (a template can reach a variable only by its name; it includes
         * nothing, as none of its tags {@code include}, {@code import} or {@code from} anything, which
         * count as reading every variable). A word that is not the variable (a key of that name, a
         * string) only makes the answer true when it need not be.
         */
        public boolean reads(String variable) {
            Pattern name = Pattern.compile("\\b(" + Pattern.quote(variable) + "|include|import|from)\\b");
            Deque<Node> pending = new ArrayDeque<>(List.of(root));
            while (!pending.isEmpty()) {
                Node node = pending.pop();
                if (!(node instanceof TextNode)
                        && node.getMaster() != null
                        && name.matcher(node.getMaster().getImage()).find()) {
                    return true;
                }
                pending.addAll(node.getChildren());
            }
            return false;
        }

        /**
         * Renders the template with {@code variables}.
         *
         * @param variables JSON-like values (String, Number, Boolean, null, Map with string keys,
         *     List)
         * @throws UnsafeValueException if an inserted value contains {@code ((...))} (a 400 for the
         *     broker)
         * @throws TemplateRenderException for any other failure: undefined variable, unsupported
         *     value type
         */
        public String render(Map<String, ?> variables) {
            RenderSession session = new RenderSession(templateName, VariableTree.copy(variables));
            JinjavaConfig config = configuration(session);
            Context context = new Context(jinjava.getGlobalContext(), session.variables(), config.getDisabled());
            context.setDynamicVariableResolver(session::undefinedVariable);
            EscapingFilters.of(session).forEach(context::registerFilter);
            JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
            String output;
            try (var current =
                    JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
                output = current.value().render(root);
            } catch (RuntimeException e) {
                TemplateRenderException problem = session.problem();
                if (problem != null) {
                    throw problem;
                }
                throw new TemplateRenderException(
                        "template `" + templateName + "` failed to render: " + e.getMessage());
            }
            TemplateRenderException problem = session.problem();
            if (problem != null) {
                throw problem;
            }
            String fatal = fatalErrors(templateName, interpreter);
            if (!fatal.isEmpty()) {
                throw new TemplateRenderException("template `" + templateName + "` failed to render: " + fatal);
            }
            return output;
        }
    }

    private static String fatalErrors(String templateName, JinjavaInterpreter interpreter) {
        return interpreter.getErrors().stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(error -> templateName + ":" + error.getLineno() + ": " + error.getMessage())
                .collect(Collectors.joining("; "));
    }

    private static JinjavaConfig configuration(@Nullable RenderSession session) {
        JinjavaConfig.Builder builder = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withNestedInterpretationEnabled(false)
                .withLocale(Locale.ROOT)
                .withTimeZone(ZoneOffset.UTC)
                .withKeepTrailingNewline(true)
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withMaxOutputSize(MAX_OUTPUT_BYTES)
                .withEnableFilterChainOptimization(true)
                .withObjectMapper(OBJECT_MAPPER);
        if (session != null) {
            CompositeELResolver resolver = new CompositeELResolver();
            resolver.add(session.strictLookups());
            resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
            builder.withElResolver(resolver);
        }
        return builder.build();
    }
}
