package io.dedicate.bundle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sources.json}: where each element of {@code model.json} was declared, per offering, so that
 * tools reading a bundle ({@code dedicate diff}) can point at the line of an offering file. The broker
 * does not need it. Each offering maps an element key ({@link #OFFERING}, {@link #plan}, {@link
 * #parameter}, {@link #upgrade}, {@link #release}, {@link #STEMCELL}) to its {@link SourceLocation};
 * built-in parameters have no place in a file and no entry.
 *
 * <pre>
 * {
 *   "format": 1,
 *   "offerings": {
 *     "mysql-on-demand": {
 *       "offering": { "file": "mysql.offering", "line": 28, "column": 1 },
 *       "plans/cluster-small": { "file": "mysql.offering", "line": 63, "column": 3 },
 *       "parameters/cluster_create/max_connections": { ... },
 *       "upgrades/cluster-small/cluster-large": { ... },
 *       "releases/pxc": { ... },
 *       "stemcell": { "file": "fragments/bosh-defaults.fragment", "line": 4, "column": 3 }
 *     }
 *   }
 * }
 * </pre>
 *
 * @param offerings offering name to element key to location, in model order
 */
public record SourceMap(Map<String, Map<String, SourceLocation>> offerings) {

    /** The version of the format; bumped on any change a reader of the previous one would misread. */
    public static final int FORMAT = 1;

    /** The key of the offering itself (its {@code offering NAME version V} header). */
    public static final String OFFERING = "offering";
    /** The key of the stemcell. */
    public static final String STEMCELL = "stemcell";

    /** A map with no offering: what a bundle without {@code sources.json} gives. */
    public static final SourceMap EMPTY = new SourceMap(Map.of());

    public SourceMap {
        Map<String, Map<String, SourceLocation>> copy = new LinkedHashMap<>();
        offerings.forEach(
                (name, elements) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(elements))));
        offerings = Collections.unmodifiableMap(copy);
    }

    /** The key of plan {@code name}. */
    public static String plan(String name) {
        return "plans/" + name;
    }

    /** The key of parameter {@code name} in {@code scope}. */
    public static String parameter(ParameterScope scope, String name) {
        return "parameters/" + scope.modelKey() + "/" + name;
    }

    /** The key of the upgrade path {@code from -> to}. */
    public static String upgrade(String from, String to) {
        return "upgrades/" + from + "/" + to;
    }

    /** The key of release {@code name}. */
    public static String release(String name) {
        return "releases/" + name;
    }

    /** Where {@code key} of {@code offering} was declared. */
    public Optional<SourceLocation> locate(String offering, String key) {
        Map<String, SourceLocation> elements = offerings.get(offering);
        return elements == null ? Optional.empty() : Optional.ofNullable(elements.get(key));
    }
}
