package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** A job of an instance group, from a release, with its properties (dotted paths, source order). */
public record Job(String name, String release, List<Property> properties, SourceSpan span) implements FromSourceSpan {

    public Job {
        properties = List.copyOf(properties);
    }

    /** {@code property cf_mysql.mysql.x = expr}; the path is split on dots into nested YAML maps. */
    public record Property(List<String> path, Expression value, SourceSpan span) implements FromSourceSpan {
        public Property {
            path = List.copyOf(path);
        }
    }
}
