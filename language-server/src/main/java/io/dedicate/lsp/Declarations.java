package io.dedicate.lsp;

import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.ReleaseSpec;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.SourceSpan;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.TypeRef;
import io.dedicate.dsl.ast.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Every name the loaded offerings declare, with the jobs their releases' specs offer. */
final class Declarations {

    private final List<Declaration> all;
    private final SortedSet<String> releaseJobs;

    private Declarations(List<Declaration> all, SortedSet<String> releaseJobs) {
        this.all = List.copyOf(all);
        this.releaseJobs = releaseJobs;
    }

    static Declarations none() {
        return new Declarations(List.of(), new TreeSet<>());
    }

    /** The declarations of {@code offerings} (includes spliced in, so fragments' names count). */
    static Declarations of(List<ExpandedOffering> offerings) {
        List<Declaration> found = new ArrayList<>();
        SortedSet<String> jobs = new TreeSet<>();
        ReleaseSpecCatalog specs = new ReleaseSpecCatalog(Map.of());
        for (ExpandedOffering offering : offerings) {
            for (Member member : offering.members()) {
                declare(member, found);
            }
            List<Member.Release> releases = offering.members(Member.Release.class);
            for (Member.Release release : releases) {
                specs.specOf(release.name().value(), releases)
                        .map(ReleaseSpec::jobs)
                        .ifPresent(byName -> jobs.addAll(byName.keySet()));
            }
            for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
                for (GroupSetting setting : group.settings()) {
                    if (setting instanceof GroupSetting.Job job) {
                        jobs.add(job.name().value());
                    }
                }
            }
        }
        return new Declarations(found, jobs);
    }

    private static void declare(Member member, List<Declaration> found) {
        if (member instanceof Member.Plan plan) {
            String kind = plan.kind().name().toLowerCase(Locale.ROOT) + " plan";
            found.add(new Declaration(
                    kind,
                    plan.name().value(),
                    plan.name().span(),
                    kind + " " + plan.name().value(),
                    ""));
        } else if (member instanceof Member.Parameters parameters) {
            for (ParameterDecl parameter : parameters.parameters()) {
                found.add(parameter(parameters.scope(), parameter));
            }
        } else if (member instanceof Member.Outputs outputs) {
            for (OutputDecl output : outputs.outputs()) {
                found.add(output(output));
            }
        } else if (member instanceof Member.Release release) {
            found.add(new Declaration(
                    "release",
                    release.name().value(),
                    release.name().span(),
                    "release " + release.name().value() + " "
                            + release.version().value(),
                    release.url() == null ? "" : release.url().value()));
        } else if (member instanceof Member.Deployment deployment) {
            for (DeploymentSetting setting : deployment.settings()) {
                declare(setting, found);
            }
        } else if (member instanceof Member.Errand errand) {
            found.add(named("errand", errand.name()));
        } else if (member instanceof Member.Hook hook) {
            found.add(new Declaration(
                    "hook",
                    hook.name().value(),
                    hook.name().span(),
                    "hook " + hook.name().value() + " on shared deployment \""
                            + hook.sharedDeployment().value() + "\"",
                    ""));
        } else if (member instanceof Member.App app) {
            found.add(named("app", app.name()));
        }
    }

    private static void declare(DeploymentSetting setting, List<Declaration> found) {
        if (setting instanceof DeploymentSetting.InstanceGroup group) {
            found.add(new Declaration(
                    "instance group",
                    group.name().value(),
                    group.name().span(),
                    "instance_group " + group.name().value(),
                    ""));
        } else if (setting instanceof DeploymentSetting.Variable variable) {
            found.add(new Declaration(
                    "variable",
                    variable.name().value(),
                    variable.name().span(),
                    "variable " + variable.name().value() + " : "
                            + variable.type().value(),
                    ""));
        }
    }

    private static Declaration named(String kind, Name name) {
        return new Declaration(kind, name.value(), name.span(), kind + " " + name.value(), "");
    }

    private static Declaration parameter(Member.ParameterScope scope, ParameterDecl parameter) {
        StringBuilder signature =
                new StringBuilder(parameter.name().value()).append(" : ").append(typeText(parameter.type()));
        if (parameter.defaultValue() != null) {
            signature.append(" = ").append(valueText(parameter.defaultValue()));
        }
        for (ParameterOption option : parameter.options()) {
            signature.append(' ').append(optionText(option));
        }
        String scopeText = scope.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " parameters";
        String description =
                parameter.description() == null ? "" : parameter.description().value();
        return new Declaration(
                "parameter",
                parameter.name().value(),
                parameter.name().span(),
                signature.toString(),
                (description.isEmpty() ? "" : description + "\n\n") + "Declared in `" + scopeText + "`.");
    }

    private static Declaration output(OutputDecl output) {
        String signature = output.name().value() + " : " + typeText(output.type()) + (output.secret() ? " secret" : "");
        return new Declaration(
                "output",
                output.name().value(),
                output.name().span(),
                signature,
                output.description() == null ? "" : output.description().value());
    }

    private static String optionText(ParameterOption option) {
        if (option instanceof ParameterOption.Range range) {
            return "range " + (range.min() == null ? "" : valueText(range.min())) + ".."
                    + (range.max() == null ? "" : valueText(range.max()));
        } else if (option instanceof ParameterOption.Length length) {
            return "length " + (length.min() == null ? "" : length.min().text()) + ".."
                    + (length.max() == null ? "" : length.max().text());
        } else if (option instanceof ParameterOption.Pattern pattern) {
            return "pattern \"" + pattern.regex().value() + "\"";
        } else if (option instanceof ParameterOption.Example example) {
            return "example " + valueText(example.value());
        }
        return ((ParameterOption.Flag) option).kind().name().toLowerCase(Locale.ROOT);
    }

    static String valueText(Value value) {
        if (value instanceof Value.Str str) {
            return "\"" + str.value() + "\"";
        } else if (value instanceof Value.Num num) {
            return num.text();
        } else if (value instanceof Value.Quantity quantity) {
            return quantity.text();
        }
        return Boolean.toString(((Value.Bool) value).value());
    }

    static String typeText(TypeRef type) {
        String kind = type.kind().name().toLowerCase(Locale.ROOT);
        if (type.kind() != TypeRef.Kind.ENUM) {
            return kind;
        }
        return kind + "("
                + String.join(
                        ", ",
                        type.enumValues().stream().map(Declarations::valueText).toList()) + ")";
    }

    /** Every declaration, in source order of the offerings. */
    List<Declaration> all() {
        return all;
    }

    /** The jobs the offerings' releases offer (from their specs) or use. */
    SortedSet<String> releaseJobs() {
        return releaseJobs;
    }

    /** The declaration named {@code name}; a parameter first when {@code parameterWanted}. */
    Optional<Declaration> find(String name, boolean parameterWanted) {
        Optional<Declaration> parameter = all.stream()
                .filter(d -> d.name().equals(name) && d.kind().equals("parameter"))
                .findFirst();
        if (parameterWanted && parameter.isPresent()) {
            return parameter;
        }
        return all.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The declaration whose name is at {@code file:line:column}, if the cursor is on one. */
    Optional<Declaration> declaredAt(String file, int line, int column) {
        return all.stream().filter(d -> contains(d.span(), file, line, column)).findFirst();
    }

    private static boolean contains(SourceSpan span, String file, int line, int column) {
        return span.file().equals(file)
                && line >= span.line()
                && line <= span.endLine()
                && (line > span.line() || column >= span.column())
                && (line < span.endLine() || column <= span.endColumn());
    }
}
