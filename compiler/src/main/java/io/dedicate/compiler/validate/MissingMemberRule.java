package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.TerraformSetting;

/**
 * Something required is missing: the offering's description (the catalog requires one), at least
 * one plan, each plan's description, a stemcell when the deployment has instance groups, jobs in
 * each instance group, a hook's {@code register} and {@code ops}, an app's {@code source} and
 * {@code target}, a Terraform {@code module}, an output's value. Reported at the name of what lacks
 * it.
 */
public final class MissingMemberRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        if (offering.metadata(Member.MetadataKey.DESCRIPTION).isEmpty()) {
            reporter.error(offering.ast().name(), "description", offering.name());
        }
        if (offering.plans().isEmpty()) {
            reporter.error(offering.ast().name(), "plans", offering.name());
        }
        for (Member.Plan plan : offering.plans()) {
            boolean described = Members.ofKind(plan.settings(), PlanSetting.Metadata.class).stream()
                    .anyMatch(m -> m.key() == PlanSetting.PlanMetadataKey.DESCRIPTION);
            if (!described) {
                reporter.error(plan.name(), "plan-description", plan.name());
            }
        }
        if (!offering.instanceGroups().isEmpty()
                && offering.members(Member.Stemcell.class).isEmpty()) {
            reporter.error(offering.ast().name(), "stemcell", offering.name());
        }
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            if (Members.ofKind(group.settings(), GroupSetting.Job.class).isEmpty()) {
                reporter.error(group.name(), "jobs", group.name());
            }
        }
        for (Member.Hook hook : offering.members(Member.Hook.class)) {
            if (Members.ofKind(hook.settings(), HookSetting.Register.class).isEmpty()) {
                reporter.error(hook.name(), "register", hook.name());
            }
            if (Members.ofKind(hook.settings(), HookSetting.Ops.class).isEmpty()) {
                reporter.error(hook.name(), "ops", hook.name());
            }
        }
        for (Member.App app : offering.members(Member.App.class)) {
            if (Members.ofKind(app.settings(), AppSetting.Source.class).isEmpty()) {
                reporter.error(app.name(), "source", app.name());
            }
            if (Members.ofKind(app.settings(), AppSetting.Target.class).isEmpty()) {
                reporter.error(app.name(), "target", app.name());
            }
        }
        for (Member.Terraform terraform : offering.members(Member.Terraform.class)) {
            if (Members.ofKind(terraform.settings(), TerraformSetting.Module.class)
                    .isEmpty()) {
                reporter.error(Members.keyword(terraform, "terraform"), "module");
            }
        }
        for (OutputDecl output : offering.outputs()) {
            if (output.value() == null) {
                reporter.error(output.name(), "output-value", output.name());
            }
        }
    }
}
