package io.dedicate.compiler.validate;

import io.dedicate.bundle.Interpolation;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.Setting;
import io.dedicate.dsl.ast.TerraformSetting;
import io.dedicate.dsl.ast.Value;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A string of the offering that reaches a manifest or pipeline and contains a BOSH/Concourse
 * interpolation sequence ({@code ((name))}). BOSH and Concourse would replace it with a credential
 * (they have no escape), so the templates refuse such values: a literal in an expression or a
 * setting would make the compiler fail, a cluster parameter's default or enum value would make
 * every request that uses it fail at render time.
 *
 * <p>In an interpolated string, the text around the references counts too: {@code
 * "((${params.name}))"} always renders to a sequence.
 */
public final class InterpolationInLiteralRule implements Rule {

    private static final List<Member.ParameterScope> RENDERED_SCOPES = List.of(
            Member.ParameterScope.CLUSTER, Member.ParameterScope.CLUSTER_CREATE, Member.ParameterScope.CLUSTER_UPDATE);

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (ExpressionSite site : ExpressionSite.all(offering)) {
            site.nested().forEach(expr -> expression(expr, reporter));
        }
        for (Member member : offering.members()) {
            settings(member, reporter);
        }
        for (DeploymentSetting.Update update : offering.deploymentSettings(DeploymentSetting.Update.class)) {
            update.settings().forEach(setting -> setting(setting, reporter));
        }
        for (Member.ParameterScope scope : RENDERED_SCOPES) {
            for (ParameterDecl parameter : offering.parameters(scope)) {
                if (parameter.defaultValue() instanceof Value.Str text) {
                    check(
                            text.value(),
                            text,
                            "parameter",
                            reporter,
                            parameter.name().value());
                }
                for (Value value : parameter.type().enumValues()) {
                    if (value instanceof Value.Str text) {
                        check(
                                text.value(),
                                text,
                                "parameter",
                                reporter,
                                parameter.name().value());
                    }
                }
            }
        }
    }

    private static void expression(Expr expr, Reporter reporter) {
        if (expr instanceof Value.Str text) {
            check(text.value(), text, "expression", reporter, "");
        } else if (expr instanceof Expr.MapOf map) {
            map.entries().forEach(entry -> check(entry.key().value(), entry.key(), "expression", reporter, ""));
        } else if (expr instanceof Expr.Template template
                && template.parts().stream().noneMatch(InterpolationInLiteralRule::holdsSequence)) {
            String rendered = template.parts().stream()
                    .map(part -> part instanceof Value.Str text ? text.value() : "${" + written(part) + "}")
                    .collect(Collectors.joining());
            check(rendered, template, "template", reporter, "");
        }
    }

    private static String written(Expr part) {
        return part instanceof Expr.Reference reference ? reference.dotted() : "...";
    }

    private static boolean holdsSequence(Expr part) {
        return part instanceof Value.Str text
                && Interpolation.find(text.value()).isPresent();
    }

    private static void settings(Member member, Reporter reporter) {
        if (member instanceof Member.Release release) {
            check(release.version().value(), release.version(), "setting", reporter, "");
            if (release.url() != null) {
                check(release.url().value(), release.url(), "setting", reporter, "");
            }
            if (release.sha1() != null) {
                check(release.sha1().value(), release.sha1(), "setting", reporter, "");
            }
        } else if (member instanceof Member.Stemcell stemcell) {
            check(stemcell.version().value(), stemcell.version(), "setting", reporter, "");
        } else if (member instanceof Member.Hook hook) {
            check(hook.sharedDeployment().value(), hook.sharedDeployment(), "setting", reporter, "");
            for (HookSetting.Ops ops : Members.ofKind(hook.settings(), HookSetting.Ops.class)) {
                check(ops.path().value(), ops.path(), "setting", reporter, "");
            }
        } else if (member instanceof Member.App app) {
            for (AppSetting setting : app.settings()) {
                if (setting instanceof AppSetting.Source source) {
                    check(source.location().value(), source.location(), "setting", reporter, "");
                } else if (setting instanceof AppSetting.Buildpack buildpack) {
                    check(buildpack.buildpack().value(), buildpack.buildpack(), "setting", reporter, "");
                }
            }
        } else if (member instanceof Member.Terraform terraform) {
            for (TerraformSetting.Module module : Members.ofKind(terraform.settings(), TerraformSetting.Module.class)) {
                check(module.source().value(), module.source(), "setting", reporter, "");
            }
        } else if (member instanceof Member.Pipeline pipeline) {
            pipeline.settings().forEach(setting -> setting(setting, reporter));
        }
    }

    private static void setting(Setting setting, Reporter reporter) {
        if (setting.value() instanceof Value.Str text) {
            check(text.value(), text, "setting", reporter, "");
        }
    }

    private static void check(String text, FromSourceSpan at, String variant, Reporter reporter, String owner) {
        Interpolation.find(text).ifPresent(sequence -> reporter.error(at, variant, sequence, owner));
    }
}
