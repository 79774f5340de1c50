package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/**
 * An expression: the right-hand side of a property, an output, an app's environment, a hook's ops
 * value. Evaluated per instance at run time; references are resolved by the compiler.
 */
public sealed interface Expr extends Node
        permits Value, Expr.Reference, Expr.Template, Expr.Credhub, Expr.ListOf, Expr.MapOf {

    /** {@code params.innodb_buffer_pool_size}, {@code plan.instances.mysql}, {@code vars.x}, {@code instance.id}. */
    record Reference(List<Name> path, SourceSpan span) implements Expr {
        public Reference {
            path = List.copyOf(path);
            if (path.size() < 2) {
                throw new IllegalArgumentException("a reference has at least two segments");
            }
        }

        /** The first segment: {@code params}, {@code plan}, {@code vars}, {@code instance}, ... */
        public Name root() {
            return path.get(0);
        }

        /** The segments as written, joined with dots. */
        public String dotted() {
            return String.join(".", path.stream().map(Name::value).toList());
        }
    }

    /**
     * A string with interpolations, {@code "mysql-${instance.id}"}: literal parts ({@link Value.Str})
     * and references, in order.
     */
    record Template(List<Expr> parts, SourceSpan span) implements Expr {
        public Template {
            parts = List.copyOf(parts);
        }
    }

    /** {@code credhub("/path/of/credential")}: a credential the pipeline reads from CredHub. */
    record Credhub(Text path, SourceSpan span) implements Expr {}

    /** {@code [a, b]}. */
    record ListOf(List<Expr> items, SourceSpan span) implements Expr {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** {@code { key: value, "other key": value }}, in source order. */
    record MapOf(List<Entry> entries, SourceSpan span) implements Expr {
        public MapOf {
            entries = List.copyOf(entries);
        }
    }

    /** One entry of a {@link MapOf}. */
    record Entry(Text key, Expr value, SourceSpan span) implements Node {}
}
