package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Node;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.TerraformSetting;
import java.util.List;

/**
 * A single-valued member given twice: two {@code description}s, two {@code stemcell}s, two
 * {@code terraform} blocks, two {@code update} blocks, a plan with two {@code vm_type}s, a
 * parameter with two {@code range}s... Which one should win is anyone's guess, so it is an error,
 * reported at the later one. Lists that may be split over several lines ({@code tags}, {@code
 * bullets}, {@code cost}, {@code register}) are not single-valued.
 */
public final class DuplicateMemberRule implements Rule {

    private static final List<Class<? extends Member>> SINGLE_MEMBERS = List.of(
            Member.Metadata.class,
            Member.Flag.class,
            Member.Stemcell.class,
            Member.Terraform.class,
            Member.Sharing.class,
            Member.Limits.class,
            Member.Pipeline.class);

    private static final List<Class<? extends DeploymentSetting>> SINGLE_DEPLOYMENT_SETTINGS = List.of(
            DeploymentSetting.DeploymentName.class, DeploymentSetting.Network.class, DeploymentSetting.Update.class);

    private static final List<Class<? extends PlanSetting>> SINGLE_PLAN_SETTINGS = List.of(
            PlanSetting.Metadata.class,
            PlanSetting.Free.class,
            PlanSetting.Bindable.class,
            PlanSetting.Updateable.class,
            PlanSetting.Instances.class,
            PlanSetting.VmType.class,
            PlanSetting.Disk.class,
            PlanSetting.Azs.class,
            PlanSetting.MaxPolling.class,
            PlanSetting.Driver.class);

    private static final List<Class<? extends GroupSetting>> SINGLE_GROUP_SETTINGS = List.of(
            GroupSetting.Lifecycle.class,
            GroupSetting.Instances.class,
            GroupSetting.VmType.class,
            GroupSetting.Disk.class,
            GroupSetting.Networks.class,
            GroupSetting.Azs.class);

    private static final List<Class<? extends AppSetting>> SINGLE_APP_SETTINGS = List.of(
            AppSetting.Source.class,
            AppSetting.Buildpack.class,
            AppSetting.Memory.class,
            AppSetting.Disk.class,
            AppSetting.Instances.class,
            AppSetting.Target.class,
            AppSetting.Route.class);

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        String name = offering.name();
        for (Class<? extends Member> kind : SINGLE_MEMBERS) {
            once(offering.members(kind), "offering", name, reporter);
        }
        for (Class<? extends DeploymentSetting> kind : SINGLE_DEPLOYMENT_SETTINGS) {
            once(offering.deploymentSettings(kind), "deployment", name, reporter);
        }
        for (Member.Plan plan : offering.plans()) {
            for (Class<? extends PlanSetting> kind : SINGLE_PLAN_SETTINGS) {
                once(Members.ofKind(plan.settings(), kind), "plan", plan.name().value(), reporter);
            }
        }
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (Class<? extends GroupSetting> kind : SINGLE_GROUP_SETTINGS) {
                once(
                        Members.ofKind(group.settings(), kind),
                        "instance-group",
                        group.name().value(),
                        reporter);
            }
        }
        for (Member.App app : offering.members(Member.App.class)) {
            for (Class<? extends AppSetting> kind : SINGLE_APP_SETTINGS) {
                once(Members.ofKind(app.settings(), kind), "app", app.name().value(), reporter);
            }
        }
        for (Member.Terraform terraform : offering.members(Member.Terraform.class)) {
            once(Members.ofKind(terraform.settings(), TerraformSetting.Module.class), "terraform", "", reporter);
        }
        for (Member.Parameters block : offering.members(Member.Parameters.class)) {
            for (ParameterDecl parameter : block.parameters()) {
                Members.duplicates(
                        parameter.options(),
                        Keywords::of,
                        (later, first) -> reporter.error(
                                later,
                                "parameter",
                                Keywords.of(later),
                                parameter.name(),
                                first.span().position()));
            }
        }
    }

    /** Reports every element after the first that has the same keyword (metadata keys differ). */
    private static <T extends Node> void once(List<T> elements, String variant, String container, Reporter reporter) {
        Members.duplicates(
                elements,
                Keywords::of,
                (later, first) -> reporter.error(
                        later,
                        variant,
                        Keywords.of(later),
                        container,
                        first.span().position()));
    }
}
