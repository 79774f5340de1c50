package io.dedicate.compiler.emit;

import io.dedicate.bundle.YamlFlowEncoder;
import io.dedicate.compiler.model.Expression;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Translates model {@link Expression}s into template code, so that every value reaches the
 * rendered YAML through the escaping filters of {@link io.dedicate.bundle.TemplateRenderer}.
 *
 * <ul>
 *   <li>literals are encoded at compile time ({@code "root"}, {@code true}, {@code 3306});
 *   <li>{@code params.x}, {@code plan.*}, {@code instance.*} become <code>{{ params.x | yaml
 *       }}</code>; {@code plan.disk} is the variable {@code plan.disk_mb} and {@code
 *       plan.instances.G} is {@code plan.instances['G']};
 *   <li>{@code "mysql-${instance.id}"} becomes <code>{{ ('mysql-' ~ instance.id) | yaml }}</code>:
 *       the whole string is checked and escaped once;
 *   <li>{@code deployment.name} is the deployment's name expression; {@code outputs.x} is output
 *       {@code x}'s own expression (outputs are evaluated by the same engine when their value is
 *       known at render time);
 *   <li>{@code vars.x} is the BOSH placeholder {@code "((x))"} and {@code credhub("/p")} the
 *       absolute placeholder {@code "((/p))"} in manifests ({@link #boshValue}); in pipelines they
 *       are CredHub names that tasks read at run time ({@link #credhubName});
 *   <li>{@code params.x} of a {@code secret} parameter is the BOSH placeholder {@code
 *       "((dedicate_secret_x))"} in the deployment's manifest: its value never enters a rendered file,
 *       the broker envelopes it in {@code secrets.cms} and the deploy task gives it to {@code bosh deploy
 *       -l}; it is nowhere else (the {@code secret-parameter-outside-manifest} rule);
 *   <li>lists and maps become block YAML of their parts, or Jinja list/dict literals in code.
 * </ul>
 */
final class ExpressionTemplates {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of(
            "and",
            "or",
            "not",
            "in",
            "is",
            "if",
            "else",
            "true",
            "false",
            "none",
            "null",
            "empty",
            "div",
            "mod",
            "eq",
            "ne",
            "lt",
            "gt",
            "le",
            "ge",
            "instanceof",
            "True",
            "False",
            "None");

    private final Offering offering;
    private final Map<String, Output> outputs;
    private final Set<String> secretParameters;

    ExpressionTemplates(Offering offering) {
        this.offering = offering;
        this.secretParameters = secretClusterParameters(offering);
        this.outputs = offering.outputs().stream()
                .collect(Collectors.toMap(Output::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** The names of the offering's {@code secret} cluster parameters (create and update scopes). */
    static Set<String> secretClusterParameters(Offering offering) {
        return java.util.stream.Stream.concat(
                        offering.parameters().clusterCreate().stream(), offering.parameters().clusterUpdate().stream())
                .filter(parameter -> parameter.is(Parameter.Flag.SECRET))
                .map(Parameter::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private boolean isSecret(Expression expression) {
        return expression instanceof Expression.ParamRef p && secretParameters.contains(p.name());
    }

    /** Jinja code of the BOSH deployment name of an instance. */
    String deploymentName() {
        return code(offering.automation().deployment().name());
    }

    /** True when the value needs no CredHub read: no {@code vars.*} or {@code credhub(...)} in it. */
    boolean knownAtRender(Expression expression) {
        if (expression instanceof Expression.VariableRef
                || expression instanceof Expression.Credhub
                || isSecret(expression)) {
            return false;
        }
        if (expression instanceof Expression.OutputRef o) {
            return knownAtRender(output(o).value());
        }
        if (expression instanceof Expression.DeploymentName) {
            return knownAtRender(offering.automation().deployment().name());
        }
        if (expression instanceof Expression.Concat c) {
            return c.parts().stream().allMatch(this::knownAtRender);
        }
        if (expression instanceof Expression.ListOf l) {
            return l.items().stream().allMatch(this::knownAtRender);
        }
        if (expression instanceof Expression.MapOf m) {
            return m.entries().values().stream().allMatch(this::knownAtRender);
        }
        return true;
    }

    /**
     * Jinja code computing the value at render time: {@code ('mysql-' ~ instance.id)}.
     *
     * @throws IllegalArgumentException if the value is a CredHub reference ({@link #knownAtRender}
     *     is false)
     */
    String code(Expression expression) {
        if (expression instanceof Expression.Literal l) {
            return literalCode(l.value());
        }
        if (expression instanceof Expression.ParamRef p) {
            if (isSecret(p)) {
                throw new IllegalArgumentException(p.span() + ": params." + p.name()
                        + " is a secret parameter: only a job property of the deployment can use it");
            }
            return member("params", p.name());
        }
        if (expression instanceof Expression.PlanRef p) {
            return planCode(p);
        }
        if (expression instanceof Expression.InstanceRef i) {
            return member("instance", i.field());
        }
        if (expression instanceof Expression.DeploymentName d) {
            if (offering.automation().deployment().name() instanceof Expression.DeploymentName) {
                throw new IllegalArgumentException(d.span() + ": the deployment name refers to itself");
            }
            return code(offering.automation().deployment().name());
        }
        if (expression instanceof Expression.OutputRef o) {
            return code(output(o).value());
        }
        if (expression instanceof Expression.Concat c) {
            return c.parts().isEmpty()
                    ? "''"
                    : "(" + c.parts().stream().map(this::code).collect(Collectors.joining(" ~ ")) + ")";
        }
        if (expression instanceof Expression.ListOf l) {
            return "[" + l.items().stream().map(this::code).collect(Collectors.joining(", ")) + "]";
        }
        if (expression instanceof Expression.MapOf m) {
            return dict(m.entries().entrySet().stream()
                    .map(e -> TemplateText.jinjaString(e.getKey()) + ": " + code(e.getValue()))
                    .toList());
        }
        if (expression instanceof Expression.VariableRef v) {
            throw needsCredhub(v, "vars." + v.name());
        }
        Expression.Credhub c = (Expression.Credhub) expression;
        throw needsCredhub(c, "credhub(\"" + c.path() + "\")");
    }

    /**
     * A Jinja dict literal of {@code entries} ({@code 'key': code}). Spaces inside the braces keep
     * nested dicts from closing with <code>}}</code>, which would end the template expression.
     */
    static String dict(List<String> entries) {
        return entries.isEmpty() ? "{}" : "{ " + String.join(", ", entries) + " }";
    }

    /** <code>{{ code | yaml }}</code>, or the compile-time encoding of a constant. */
    TemplateValue.Flow yaml(Expression expression) {
        if (expression instanceof Expression.Literal literal) {
            return TemplateText.literal(literal.value());
        }
        return new TemplateValue.Flow("{{ " + code(expression) + " | yaml }}");
    }

    /**
     * A task param (Concourse wants strings): <code>{{ code | text | yaml }}</code>, or the
     * compile-time text of a constant.
     */
    TemplateValue.Flow param(Expression expression) {
        if (expression instanceof Expression.Literal literal) {
            Object value = literal.value();
            return TemplateText.literal(
                    value instanceof String ? value : YamlFlowEncoder.encode(value, "constant " + value));
        }
        return new TemplateValue.Flow("{{ " + code(expression) + " | text | yaml }}");
    }

    /**
     * The CredHub name a task reads at run time for a {@code vars.x} value ({@code
     * <deployment>/x}, completed by the task with the director's name) or a {@code credhub("/p")}
     * value ({@code /p}), as Jinja code; empty when the value is not a CredHub reference.
     */
    Optional<String> credhubName(Expression expression) {
        if (expression instanceof Expression.VariableRef v) {
            return Optional.of("(" + deploymentName() + " ~ " + TemplateText.jinjaString("/" + v.name()) + ")");
        }
        if (expression instanceof Expression.Credhub c) {
            return Optional.of(TemplateText.jinjaString(c.path()));
        }
        if (expression instanceof Expression.OutputRef o) {
            return credhubName(output(o).value());
        }
        if (expression instanceof Expression.Concat c && c.parts().size() == 1) {
            return credhubName(c.parts().get(0));
        }
        return Optional.empty();
    }

    /**
     * A value in a BOSH manifest or ops file: CredHub references become BOSH placeholders ({@code
     * "((x))"}), strings mixing text and placeholders become one double-quoted scalar whose
     * render-time parts go through {@code yaml_chars}.
     *
     * @param deploymentVariables whether {@code vars.x} may be used: true in the deployment's own
     *     manifest; false in ops files of shared deployments, where {@code ((x))} would name the
     *     shared deployment's variable
     * @param where what the value belongs to, for error messages
     */
    TemplateValue boshValue(Expression expression, boolean deploymentVariables, String where) {
        if (expression instanceof Expression.VariableRef v) {
            requireDeploymentVariables(v, deploymentVariables, where);
            return new TemplateValue.Flow(TemplateText.constant("\"((" + v.name() + "))\""));
        }
        if (expression instanceof Expression.Credhub c) {
            return new TemplateValue.Flow(TemplateText.constant("\"((" + escapeInside(c.path()) + "))\""));
        }
        if (expression instanceof Expression.ParamRef p && isSecret(p)) {
            return new TemplateValue.Flow(
                    TemplateText.constant("\"" + secretPlaceholder(p, deploymentVariables, where) + "\""));
        }
        if (expression instanceof Expression.OutputRef o) {
            return boshValue(output(o).value(), deploymentVariables, where);
        }
        if (expression instanceof Expression.ListOf l) {
            return new TemplateValue.Sequence(l.items().stream()
                    .map(item -> boshValue(item, deploymentVariables, where))
                    .toList());
        }
        if (expression instanceof Expression.MapOf m) {
            Map<String, TemplateValue> entries = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> entries.put(k, boshValue(v, deploymentVariables, where)));
            return new TemplateValue.Mapping(entries);
        }
        if (expression instanceof Expression.Concat c && !knownAtRender(c)) {
            return splicedString(c, deploymentVariables, where);
        }
        if (expression instanceof Expression.DeploymentName && !knownAtRender(expression)) {
            return boshValue(offering.automation().deployment().name(), deploymentVariables, where);
        }
        return yaml(expression);
    }

    private static void requireDeploymentVariables(
            Expression.VariableRef v, boolean deploymentVariables, String where) {
        if (!deploymentVariables) {
            throw new IllegalArgumentException(v.span() + ": " + where + " uses vars." + v.name()
                    + ", a variable of this deployment, which a shared deployment cannot read");
        }
    }

    /** {@code ((dedicate_secret_x))}: only in the deployment's own manifest, where the deploy task supplies it. */
    private static String secretPlaceholder(Expression.ParamRef p, boolean deploymentVariables, String where) {
        if (!deploymentVariables) {
            throw new IllegalArgumentException(p.span() + ": " + where + " uses params." + p.name()
                    + ", a secret parameter, which only the deployment's manifest can receive");
        }
        return "((" + escapeInside(io.dedicate.bundle.BundleLayout.secretParameterVariable(p.name())) + "))";
    }

    private TemplateValue.Flow splicedString(Expression.Concat concat, boolean deploymentVariables, String where) {
        StringBuilder text = new StringBuilder("\"");
        List<Expression> run = new ArrayList<>();
        for (Expression part : flatten(concat)) {
            Optional<String> placeholder = placeholder(part, deploymentVariables, where);
            if (placeholder.isPresent()) {
                text.append(runText(run)).append(placeholder.get());
                run.clear();
            } else {
                run.add(part);
            }
        }
        return new TemplateValue.Flow(text.append(runText(run)).append('"').toString());
    }

    private List<Expression> flatten(Expression expression) {
        List<Expression> parts = new ArrayList<>();
        if (expression instanceof Expression.Concat concat) {
            concat.parts().forEach(part -> parts.addAll(flatten(part)));
        } else if (expression instanceof Expression.OutputRef o && !knownAtRender(o)) {
            parts.addAll(flatten(output(o).value()));
        } else if (expression instanceof Expression.DeploymentName) {
            parts.addAll(flatten(offering.automation().deployment().name()));
        } else {
            parts.add(expression);
        }
        return parts;
    }

    private Optional<String> placeholder(Expression part, boolean deploymentVariables, String where) {
        if (part instanceof Expression.VariableRef v) {
            requireDeploymentVariables(v, deploymentVariables, where);
            return Optional.of(TemplateText.constant("((" + v.name() + "))"));
        }
        if (part instanceof Expression.Credhub c) {
            return Optional.of(TemplateText.constant("((" + escapeInside(c.path()) + "))"));
        }
        if (part instanceof Expression.ParamRef p && isSecret(p)) {
            return Optional.of(TemplateText.constant(secretPlaceholder(p, deploymentVariables, where)));
        }
        if (!knownAtRender(part)) {
            throw new IllegalArgumentException(part.span() + ": " + where
                    + " mixes text with a list or map holding BOSH variables, which cannot form one string");
        }
        return Optional.empty();
    }

    private String runText(List<Expression> run) {
        if (run.isEmpty()) {
            return "";
        }
        if (run.stream().allMatch(Expression.Literal.class::isInstance)) {
            String joined = run.stream()
                    .map(part -> literalText(((Expression.Literal) part).value()))
                    .collect(Collectors.joining());
            return TemplateText.constant(escapeInside(joined));
        }
        String code = run.size() == 1
                ? code(run.get(0))
                : "(" + run.stream().map(this::code).collect(Collectors.joining(" ~ ")) + ")";
        return "{{ " + code + " | yaml_chars }}";
    }

    /** Characters of compile-time text escaped for the inside of a double-quoted scalar. */
    private static String escapeInside(String text) {
        return YamlFlowEncoder.escapeCharacters(text, "constant text `" + text + "`");
    }

    private static String literalText(Object value) {
        return value instanceof String s
                ? s
                : value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    private static String literalCode(Object value) {
        if (value instanceof String text) {
            return TemplateText.jinjaString(text);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    private static String member(String variable, String name) {
        if (IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name)) {
            return variable + "." + name;
        }
        return variable + "[" + TemplateText.jinjaString(name) + "]";
    }

    private static String planCode(Expression.PlanRef ref) {
        List<String> path = ref.path();
        if (path.isEmpty()) {
            throw new IllegalArgumentException(ref.span() + ": `plan` needs a field");
        }
        String first = path.get(0).equals("disk") ? "disk_mb" : path.get(0);
        String code = member("plan", first);
        for (String segment : path.subList(1, path.size())) {
            code += "[" + TemplateText.jinjaString(segment) + "]";
        }
        return code;
    }

    private Output output(Expression.OutputRef ref) {
        Output output = outputs.get(ref.name());
        if (output == null) {
            throw new IllegalArgumentException(ref.span() + ": unknown output `" + ref.name() + "`");
        }
        if (output.value() instanceof Expression.OutputRef next && next.name().equals(ref.name())) {
            throw new IllegalArgumentException(ref.span() + ": output `" + ref.name() + "` refers to itself");
        }
        return output;
    }

    private static IllegalArgumentException needsCredhub(Expression expression, String text) {
        return new IllegalArgumentException(expression.span() + ": " + text
                + " is read from CredHub at run time and cannot be part of a value computed at render time");
    }
}
