package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders an AST as one compact S-expression, so that tests can state a whole tree in a line and a
 * failing test shows exactly what differs. Deterministic: the same tree always prints the same.
 *
 * <pre>{@code
 * (offering mysql-on-demand "1.4.0"
 *   (plan cluster cluster-small (description "3 nodes") (instances (mysql 3) (proxy 1)) (disk 10GB))
 *   (errand smoke-tests (after deploy update)))
 * }</pre>
 *
 * (printed on one line). Names, numbers and quantities print as written, strings quoted with
 * {@code \" \\ \n \t \r} escaped, absent optional parts as {@code _}, references as {@code
 * (ref a.b)}, interpolated strings as {@code (template "mysql-" (ref instance.id))}. With positions,
 * every node is followed by {@code @line:column-endLine:endColumn}.
 */
public final class AstPrinter {

    private final StringBuilder out = new StringBuilder();
    private final boolean positions;

    private AstPrinter(boolean positions) {
        this.positions = positions;
    }

    /** The tree of {@code node} without positions. */
    public static String print(Node node) {
        return print(node, false);
    }

    /** The tree of {@code node}, with every node's span when {@code positions} is true. */
    public static String print(Node node, boolean positions) {
        AstPrinter printer = new AstPrinter(positions);
        printer.node(node);
        return printer.out.toString();
    }

    private void node(@Nullable Node node) {
        if (node == null) {
            atom("_", null);
        } else if (node instanceof SourceFile file) {
            sourceFile(file);
        } else if (node instanceof Member member) {
            member(member);
        } else if (node instanceof PlanSetting setting) {
            planSetting(setting);
        } else if (node instanceof DeploymentSetting setting) {
            deploymentSetting(setting);
        } else if (node instanceof GroupSetting setting) {
            groupSetting(setting);
        } else if (node instanceof HookSetting setting) {
            hookSetting(setting);
        } else if (node instanceof AppSetting setting) {
            appSetting(setting);
        } else if (node instanceof TerraformSetting setting) {
            terraformSetting(setting);
        } else if (node instanceof ParameterOption option) {
            parameterOption(option);
        } else if (node instanceof Expr expr) {
            expr(expr);
        } else {
            part(node);
        }
    }

    private void sourceFile(SourceFile file) {
        if (file instanceof SourceFile.Offering offering) {
            list("offering", offering, offering.name(), offering.version(), offering.members());
        } else if (file instanceof SourceFile.Fragment fragment) {
            list("fragment", fragment, fragment.name(), fragment.members());
        }
    }

    private void member(Member member) {
        if (member instanceof Member.Metadata m) {
            list(word(m.key()), m, m.value());
        } else if (member instanceof Member.Tags m) {
            list("tags", m, m.tags());
        } else if (member instanceof Member.Flag m) {
            list(word(m.key()), m, m.value());
        } else if (member instanceof Member.Include m) {
            list("include", m, m.path());
        } else if (member instanceof Member.Release m) {
            list(
                    "release",
                    m,
                    m.name(),
                    m.version(),
                    labelled("url", m.url()),
                    labelled("sha1", m.sha1()),
                    labelled("specs", m.specs()));
        } else if (member instanceof Member.Stemcell m) {
            list("stemcell", m, m.os(), m.version());
        } else if (member instanceof Member.Plan m) {
            list("plan", m, word(m.kind()), m.name(), m.settings());
        } else if (member instanceof Member.Upgrade m) {
            list("upgrade", m, m.from(), m.to());
        } else if (member instanceof Member.Parameters m) {
            list("parameters", m, word(m.scope()), m.parameters());
        } else if (member instanceof Member.Deployment m) {
            list("deployment", m, m.settings());
        } else if (member instanceof Member.Errand m) {
            list("errand", m, m.name(), labelled("on", m.on()), m.timings());
        } else if (member instanceof Member.Hook m) {
            list("hook", m, m.name(), m.sharedDeployment(), m.settings());
        } else if (member instanceof Member.App m) {
            list("app", m, m.name(), m.settings());
        } else if (member instanceof Member.Terraform m) {
            list("terraform", m, m.settings());
        } else if (member instanceof Member.Outputs m) {
            list("outputs", m, m.outputs());
        } else if (member instanceof Member.Sharing m) {
            list("sharing", m, word(m.scope()), m.requiresGrant() ? "requires-grant" : List.of());
        } else if (member instanceof Member.Limits m) {
            list("limits", m, m.settings());
        } else if (member instanceof Member.Pipeline m) {
            list("pipeline", m, m.settings());
        }
    }

    private void planSetting(PlanSetting setting) {
        if (setting instanceof PlanSetting.Metadata s) {
            list(word(s.key()), s, s.value());
        } else if (setting instanceof PlanSetting.Free s) {
            list("free", s, s.value());
        } else if (setting instanceof PlanSetting.Cost s) {
            list("cost", s, s.amount(), s.currency(), s.unit());
        } else if (setting instanceof PlanSetting.Bullets s) {
            list("bullets", s, s.bullets());
        } else if (setting instanceof PlanSetting.Bindable s) {
            list("bindable", s, s.value());
        } else if (setting instanceof PlanSetting.Updateable s) {
            list("plan_updateable", s, s.value());
        } else if (setting instanceof PlanSetting.Instances s) {
            list("instances", s, s.counts());
        } else if (setting instanceof PlanSetting.VmType s) {
            list("vm_type", s, s.vmType());
        } else if (setting instanceof PlanSetting.Disk s) {
            list("disk", s, s.size());
        } else if (setting instanceof PlanSetting.Azs s) {
            list("azs", s, s.azs());
        } else if (setting instanceof PlanSetting.MaxPolling s) {
            list("max_polling", s, s.duration());
        } else if (setting instanceof PlanSetting.Driver s) {
            list("driver", s, s.driver(), s.settings());
        }
    }

    private void deploymentSetting(DeploymentSetting setting) {
        if (setting instanceof DeploymentSetting.DeploymentName s) {
            list("name", s, s.value());
        } else if (setting instanceof DeploymentSetting.Network s) {
            list("network", s, s.network());
        } else if (setting instanceof DeploymentSetting.Update s) {
            list("update", s, s.settings());
        } else if (setting instanceof DeploymentSetting.InstanceGroup s) {
            list("instance_group", s, s.name(), s.settings());
        } else if (setting instanceof DeploymentSetting.Variable s) {
            list("variable", s, s.name(), s.type(), s.options());
        }
    }

    private void groupSetting(GroupSetting setting) {
        if (setting instanceof GroupSetting.Job s) {
            list("job", s, s.name(), s.release(), s.properties());
        } else if (setting instanceof GroupSetting.Lifecycle s) {
            list("lifecycle", s, s.lifecycle());
        } else if (setting instanceof GroupSetting.Instances s) {
            list("instances", s, s.count());
        } else if (setting instanceof GroupSetting.VmType s) {
            list("vm_type", s, s.vmType());
        } else if (setting instanceof GroupSetting.Disk s) {
            list("disk", s, s.size());
        } else if (setting instanceof GroupSetting.Networks s) {
            list("networks", s, s.networks());
        } else if (setting instanceof GroupSetting.Azs s) {
            list("azs", s, s.azs());
        }
    }

    private void hookSetting(HookSetting setting) {
        if (setting instanceof HookSetting.Register s) {
            list("register", s, s.timings());
        } else if (setting instanceof HookSetting.Deregister s) {
            list("deregister", s, s.timings());
        } else if (setting instanceof HookSetting.Ops s) {
            list("ops", s, s.path(), s.value());
        }
    }

    private void appSetting(AppSetting setting) {
        if (setting instanceof AppSetting.Source s) {
            list("source", s, s.location());
        } else if (setting instanceof AppSetting.Buildpack s) {
            list("buildpack", s, s.buildpack());
        } else if (setting instanceof AppSetting.Memory s) {
            list("memory", s, s.size());
        } else if (setting instanceof AppSetting.Disk s) {
            list("disk", s, s.size());
        } else if (setting instanceof AppSetting.Instances s) {
            list("instances", s, s.count());
        } else if (setting instanceof AppSetting.Target s) {
            list("target", s, s.org(), s.space());
        } else if (setting instanceof AppSetting.Route s) {
            list("route", s, s.route());
        } else if (setting instanceof AppSetting.Env s) {
            list("env", s, s.name(), s.value());
        }
    }

    private void terraformSetting(TerraformSetting setting) {
        if (setting instanceof TerraformSetting.Module s) {
            list("module", s, s.source());
        } else if (setting instanceof TerraformSetting.Var s) {
            list("var", s, s.name(), s.value());
        }
    }

    private void parameterOption(ParameterOption option) {
        if (option instanceof ParameterOption.Range o) {
            list("range", o, o.min(), o.max());
        } else if (option instanceof ParameterOption.Length o) {
            list("length", o, o.min(), o.max());
        } else if (option instanceof ParameterOption.Pattern o) {
            list("pattern", o, o.regex());
        } else if (option instanceof ParameterOption.Example o) {
            list("example", o, o.value());
        } else if (option instanceof ParameterOption.Flag o) {
            atom(word(o.kind()), o.span());
        }
    }

    private void expr(Expr expr) {
        if (expr instanceof Value.Str v) {
            atom(quoted(v.value()), v.span());
        } else if (expr instanceof Value.Num v) {
            atom(v.text(), v.span());
        } else if (expr instanceof Value.Quantity v) {
            atom(v.text(), v.span());
        } else if (expr instanceof Value.Bool v) {
            atom(String.valueOf(v.value()), v.span());
        } else if (expr instanceof Expr.Reference e) {
            list(
                    "ref",
                    e,
                    e.path().stream()
                            .map(Name::value)
                            .reduce((a, b) -> a + "." + b)
                            .orElse(""));
        } else if (expr instanceof Expr.Template e) {
            list("template", e, e.parts());
        } else if (expr instanceof Expr.Credhub e) {
            list("credhub", e, e.path());
        } else if (expr instanceof Expr.ListOf e) {
            list("list", e, e.items());
        } else if (expr instanceof Expr.MapOf e) {
            list("map", e, e.entries());
        }
    }

    /** Nodes that are parts of others rather than members, settings or expressions. */
    private void part(Node node) {
        if (node instanceof Name n) {
            atom(n.value(), n.span());
        } else if (node instanceof Text t) {
            atom(quoted(t.value()), t.span());
        } else if (node instanceof Setting s) {
            list(s.key().value(), s, s.value());
        } else if (node instanceof PlanSetting.InstanceCount c) {
            list(c.group().value(), c, c.count());
        } else if (node instanceof ParameterDecl p) {
            list(
                    "param",
                    p,
                    p.name(),
                    p.type(),
                    labelled("default", p.defaultValue()),
                    p.options(),
                    optional(p.description()));
        } else if (node instanceof OutputDecl o) {
            list(
                    "output",
                    o,
                    o.name(),
                    o.type(),
                    labelled("=", o.value()),
                    o.secret() ? "secret" : List.of(),
                    optional(o.description()));
        } else if (node instanceof TypeRef t) {
            if (t.kind() == TypeRef.Kind.ENUM) {
                list("enum", t, t.enumValues());
            } else {
                atom(word(t.kind()), t.span());
            }
        } else if (node instanceof DeploymentSetting.VariableOption o) {
            list(o.key().value(), o, o.value());
        } else if (node instanceof GroupSetting.Property p) {
            list("property", p, p.dotted(), p.value());
        } else if (node instanceof Expr.Entry e) {
            list(quoted(e.key().value()), e, e.value());
        } else if (node instanceof Timing t) {
            list(word(t.when()), t, t.phases());
        } else if (node instanceof Timing.PhaseRef p) {
            atom(word(p.phase()), p.span());
        } else {
            throw new IllegalArgumentException(
                    "AstPrinter does not know " + node.getClass().getName());
        }
    }

    /** An optional labelled part, e.g. {@code (default 1GB)}; nothing when absent. */
    private Object labelled(String label, @Nullable Node node) {
        return node == null ? List.of() : new Labelled(label, node);
    }

    /** An optional trailing part, printed only when present. */
    private static Object optional(@Nullable Node node) {
        return node == null ? List.of() : node;
    }

    private record Labelled(String label, Node node) {}

    /**
     * {@code (head parts...)}. Parts are nodes, nullable nodes ({@code _} when absent), lists of
     * nodes (spliced), words and labelled parts; an empty list prints nothing.
     */
    private void list(String head, Node node, @Nullable Object... parts) {
        out.append('(').append(head);
        span(node.span());
        for (Object part : parts) {
            if (part instanceof List<?> items) {
                for (Object item : items) {
                    out.append(' ');
                    node((Node) item);
                }
            } else if (part instanceof Labelled labelled) {
                out.append(" (").append(labelled.label()).append(' ');
                node(labelled.node());
                out.append(')');
            } else if (part instanceof String word) {
                out.append(' ').append(word);
            } else if (part instanceof Boolean flag) {
                out.append(' ').append(flag);
            } else {
                out.append(' ');
                node((Node) part);
            }
        }
        out.append(')');
    }

    private void atom(String text, @Nullable SourceSpan span) {
        out.append(text);
        if (span != null) {
            span(span);
        }
    }

    private void span(SourceSpan span) {
        if (positions) {
            out.append('@')
                    .append(span.line())
                    .append(':')
                    .append(span.column())
                    .append('-')
                    .append(span.endLine())
                    .append(':')
                    .append(span.endColumn());
        }
    }

    /** An enum constant as written in the language: {@code CLUSTER_CREATE} prints {@code cluster-create}. */
    private static String word(Enum<?> constant) {
        String lower = constant.name().toLowerCase(Locale.ROOT);
        return constant instanceof Member.MetadataKey
                        || constant instanceof Member.FlagKey
                        || constant instanceof PlanSetting.PlanMetadataKey
                        || constant instanceof ParameterOption.FlagKind
                ? lower
                : lower.replace('_', '-');
    }

    private static String quoted(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
