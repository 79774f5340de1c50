package io.dedicate.compiler.release;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * One job of a release, as its spec declares it.
 *
 * @param name the job's name
 * @param properties the declared properties by dotted name, each saying whether it has a default
 * @param reads the properties its templates read with {@code p("...")} and no default argument, in
 *     template order; empty when the templates are not at hand (a folder of specs)
 */
public record JobSpec(String name, SortedMap<String, Boolean> properties, List<TemplateRead> reads) {

    public JobSpec {
        properties = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(properties));
        reads = List.copyOf(reads);
    }

    /** {@code p("NAME")} without a default in template {@code template}. */
    public record TemplateRead(String template, String property) {}

    /** The declared property names, sorted. */
    public Set<String> propertyNames() {
        return new TreeSet<>(properties.keySet());
    }

    /** Whether {@code dotted} is declared. */
    public boolean declares(String dotted) {
        return properties.containsKey(dotted);
    }

    /** Whether the spec gives {@code dotted} a default. */
    public boolean hasDefault(String dotted) {
        return properties.getOrDefault(dotted, false);
    }

    /** Whether some declared property lies below {@code dotted} ({@code tls} for {@code tls.server_certificate}). */
    public boolean declaresBelow(String dotted) {
        String prefix = dotted + ".";
        return properties.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    /** Whether a declared property is a proper prefix of {@code dotted}: a value set inside a declared map. */
    public boolean declaresAbove(String dotted) {
        return properties.keySet().stream().anyMatch(name -> dotted.startsWith(name + "."));
    }
}
