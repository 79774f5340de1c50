package io.dedicate.bundle;

import com.hubspot.jinjava.objects.collections.PyMap;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import org.jspecify.annotations.Nullable;

/**
 * The state of one render: the template's name, its variables, and the first problem met. Jinjava
 * turns exceptions thrown during rendering into its own error records (with messages that may
 * quote values); the session keeps our precise exception so that the renderer throws it instead.
 */
final class RenderSession {

    private final String templateName;
    private final Map<String, @Nullable Object> variables;
    private @Nullable TemplateRenderException problem;

    RenderSession(String templateName, Map<String, @Nullable Object> variables) {
        this.templateName = templateName;
        this.variables = variables;
    }

    String templateName() {
        return templateName;
    }

    Map<String, @Nullable Object> variables() {
        return variables;
    }

    @Nullable
    TemplateRenderException problem() {
        return problem;
    }

    /** Records {@code exception} (the first one wins) and returns it for throwing. */
    TemplateRenderException fail(TemplateRenderException exception) {
        if (problem == null) {
            problem = exception;
        }
        return exception;
    }

    /** Jinjava's fallback for a top-level name that is not a variable: failing is its purpose. */
    @SuppressWarnings("DoNotCallSuggester")
    Object undefinedVariable(String name) {
        throw fail(new TemplateRenderException("template `" + templateName + "` uses `" + name
                + "`, which is not defined (variables: " + String.join(", ", new TreeSet<>(variables.keySet()))
                + ")"));
    }

    /**
     * The flow YAML of a filtered value; a refused value is reported under the path of the variable
     * that carries the interpolation sequence.
     */
    String encode(@Nullable Object value) {
        try {
            return YamlFlowEncoder.encode(value, "a value inserted by `" + templateName + "`");
        } catch (UnsafeValueException e) {
            throw fail(located(e));
        } catch (TemplateRenderException e) {
            throw fail(e);
        }
    }

    /** {@link YamlFlowEncoder#escapeCharacters} with the same error reporting as {@link #encode}. */
    String escapeCharacters(String text) {
        try {
            if (text.contains("((") || text.contains("))")) {
                throw new UnsafeValueException(
                        "a value inserted next to a BOSH variable in `" + templateName + "`",
                        text.contains("((") ? "((" : "))");
            }
            return YamlFlowEncoder.escapeCharacters(text, "a value inserted by `" + templateName + "`");
        } catch (UnsafeValueException e) {
            throw fail(located(e));
        }
    }

    private UnsafeValueException located(UnsafeValueException e) {
        return VariableTree.locate(variables, e.sequence())
                .map(path -> new UnsafeValueException(path, e.sequence()))
                .orElse(e);
    }

    /**
     * Fails on a lookup of a key a variable map does not have ({@code params.missing}, {@code
     * plan.instances['x']}) instead of Jinjava's silent null. Resolves nothing itself: present keys
     * are left to Jinjava's resolvers. (List indexes never reach resolvers in Jinjava: an index out
     * of range gives null; the compiler's templates never index lists.)
     */
    ELResolver strictLookups() {
        return new ELResolver() {
            @Override
            public @Nullable Object getValue(ELContext context, @Nullable Object base, @Nullable Object property) {
                Object target = base instanceof PyMap map ? map.toMap() : base;
                if (target instanceof VariableTree.VariableMap map && !map.containsKey(String.valueOf(property))) {
                    throw fail(new TemplateRenderException("template `" + templateName + "` uses `" + map.path() + "."
                            + property + "`, which is not defined (" + map.path() + " has: "
                            + String.join(", ", map.keySet()) + ")"));
                }
                return null;
            }

            @Override
            public @Nullable Class<?> getType(ELContext context, @Nullable Object base, @Nullable Object property) {
                return null;
            }

            @Override
            public void setValue(
                    ELContext context, @Nullable Object base, @Nullable Object property, @Nullable Object value) {}

            @Override
            public boolean isReadOnly(ELContext context, @Nullable Object base, @Nullable Object property) {
                return true;
            }

            @Override
            public @Nullable Iterator<FeatureDescriptor> getFeatureDescriptors(
                    ELContext context, @Nullable Object base) {
                return null;
            }

            @Override
            public @Nullable Class<?> getCommonPropertyType(ELContext context, @Nullable Object base) {
                return null;
            }
        };
    }
}
