package io.dedicate.bundle;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable copy of a render's variables in which every map and list knows its path ({@code
 * params}, {@code plan.instances}), so that an undefined lookup or a refused value can be named in
 * an error message. Only JSON-like values are accepted: String, Number, Boolean, null, maps with
 * string keys, lists.
 */
final class VariableTree {

    private VariableTree() {}

    static Map<String, @Nullable Object> copy(Map<String, ?> variables) {
        Map<String, @Nullable Object> top = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : variables.entrySet()) {
            top.put(entry.getKey(), copyValue(entry.getValue(), entry.getKey()));
        }
        return Collections.unmodifiableMap(top);
    }

    private static @Nullable Object copyValue(@Nullable Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new TemplateRenderException("variable `" + path + "` has a key that is not a string");
                }
                entries.put(key, copyValue(entry.getValue(), path + "." + key));
            }
            return new VariableMap(path, entries);
        }
        if (value instanceof Collection<?> collection) {
            List<@Nullable Object> items = new ArrayList<>();
            for (Object item : collection) {
                items.add(copyValue(item, path + "[" + items.size() + "]"));
            }
            return new VariableList(path, items);
        }
        throw new TemplateRenderException(
                "variable `" + path + "` has type " + value.getClass().getSimpleName()
                        + "; variables must be JSON-like (string, number, boolean, list, map, null)");
    }

    /** The path of the first string leaf (in order) that contains {@code fragment}. */
    static Optional<String> locate(Map<String, @Nullable Object> variables, String fragment) {
        for (Map.Entry<String, @Nullable Object> entry : variables.entrySet()) {
            Optional<String> found = locate(entry.getValue(), entry.getKey(), fragment);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> locate(@Nullable Object value, String path, String fragment) {
        if (value instanceof String text) {
            return text.contains(fragment) ? Optional.of(path) : Optional.empty();
        }
        if (value instanceof VariableMap map) {
            for (Map.Entry<String, @Nullable Object> entry : map.entries.entrySet()) {
                Optional<String> found = locate(entry.getValue(), path + "." + entry.getKey(), fragment);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (value instanceof VariableList list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> found = locate(list.get(i), path + "[" + i + "]", fragment);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A map variable that knows its path. */
    static final class VariableMap extends AbstractMap<String, @Nullable Object> {
        private final String path;
        private final Map<String, @Nullable Object> entries;

        VariableMap(String path, Map<String, @Nullable Object> entries) {
            this.path = path;
            this.entries = Collections.unmodifiableMap(entries);
        }

        String path() {
            return path;
        }

        @Override
        public Set<Entry<String, @Nullable Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public boolean containsKey(@Nullable Object key) {
            return entries.containsKey(key);
        }

        @Override
        public @Nullable Object get(@Nullable Object key) {
            return entries.get(key);
        }
    }

    /** A list variable that knows its path. */
    static final class VariableList extends AbstractList<@Nullable Object> {
        private final String path;
        private final List<@Nullable Object> items;

        VariableList(String path, List<@Nullable Object> items) {
            this.path = path;
            this.items = Collections.unmodifiableList(items);
        }

        String path() {
            return path;
        }

        @Override
        public @Nullable Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
