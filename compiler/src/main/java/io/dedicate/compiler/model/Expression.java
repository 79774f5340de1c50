package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;
import java.util.Map;

/**
 * A resolved expression, evaluated per instance when templates are rendered. Emitters turn it into
 * template code that inserts every value through the escaping filter.
 */
public sealed interface Expression extends FromSourceSpan {

    /** A constant: String, Long, BigDecimal or Boolean (quantities already normalised). */
    record Literal(Object value, SourceSpan span) implements Expression {}

    /** {@code params.NAME}: the instance's (validated, defaulted, normalised) parameter value. */
    record ParamRef(String name, SourceSpan span) implements Expression {}

    /**
     * {@code plan.name}, {@code plan.id}, {@code plan.vm_type}, {@code plan.disk}, {@code
     * plan.azs}, {@code plan.instances.GROUP}: the instance's current plan.
     *
     * @param path segments after {@code plan}, e.g. {@code ["instances", "mysql"]}
     */
    record PlanRef(List<String> path, SourceSpan span) implements Expression {
        public PlanRef {
            path = List.copyOf(path);
        }
    }

    /** {@code instance.FIELD}: id, name, org, space, org_guid, space_guid. */
    record InstanceRef(String field, SourceSpan span) implements Expression {}

    /** {@code deployment.name}: the BOSH deployment name of this instance. */
    record DeploymentName(SourceSpan span) implements Expression {}

    /**
     * {@code vars.NAME}: a BOSH variable. In manifests it is the placeholder {@code ((NAME))}; in
     * outputs, the CredHub reference of the variable of this deployment.
     */
    record VariableRef(String name, SourceSpan span) implements Expression {}

    /** {@code outputs.NAME}: a value the cluster reported (usable in apps and hooks). */
    record OutputRef(String name, SourceSpan span) implements Expression {}

    /** {@code credhub("/path")}: read from CredHub by the pipeline. */
    record Credhub(String path, SourceSpan span) implements Expression {}

    /** {@code "a-${ref}-b"}: parts concatenated as strings. */
    record Concat(List<Expression> parts, SourceSpan span) implements Expression {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    record ListOf(List<Expression> items, SourceSpan span) implements Expression {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** Entries in source order. */
    record MapOf(Map<String, Expression> entries, SourceSpan span) implements Expression {
        public MapOf {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }
    }
}
