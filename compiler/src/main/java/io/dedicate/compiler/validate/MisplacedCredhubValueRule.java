package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.TerraformSetting;

/**
 * A CredHub value ({@code vars.NAME}, {@code credhub("/path")}, or an output or the deployment name
 * holding one) where the value must be known when the broker renders the templates: hook ops
 * values (rendered into a shared deployment, whose {@code ((NAME))} would be its own variable),
 * Terraform variables, an app's org, space and route (task params), and the deployment name (which
 * every step and BOSH itself need before anything is read from CredHub).
 */
public final class MisplacedCredhubValueRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        CredhubValues credhub = new CredhubValues(offering);
        for (DeploymentSetting.DeploymentName name :
                offering.deploymentSettings(DeploymentSetting.DeploymentName.class)) {
            report(credhub, name.value(), reporter, "deployment-name", "");
        }
        for (Member.Hook hook : offering.members(Member.Hook.class)) {
            for (HookSetting.Ops ops : Members.ofKind(hook.settings(), HookSetting.Ops.class)) {
                report(credhub, ops.value(), reporter, "hook", hook.name().value());
            }
        }
        for (Member.Terraform terraform : offering.members(Member.Terraform.class)) {
            for (TerraformSetting.Var var : Members.ofKind(terraform.settings(), TerraformSetting.Var.class)) {
                report(credhub, var.value(), reporter, "terraform", var.name().value());
            }
        }
        for (Member.App app : offering.members(Member.App.class)) {
            for (AppSetting setting : app.settings()) {
                if (setting instanceof AppSetting.Target target) {
                    report(
                            credhub,
                            target.org(),
                            reporter,
                            "app-target",
                            app.name().value());
                    report(
                            credhub,
                            target.space(),
                            reporter,
                            "app-target",
                            app.name().value());
                } else if (setting instanceof AppSetting.Route route) {
                    report(
                            credhub,
                            route.route(),
                            reporter,
                            "app-route",
                            app.name().value());
                }
            }
        }
    }

    private static void report(CredhubValues credhub, Expr value, Reporter reporter, String variant, String owner) {
        credhub.all(value).forEach(part -> reporter.error(part, variant, credhub.describe(part), owner));
    }
}
