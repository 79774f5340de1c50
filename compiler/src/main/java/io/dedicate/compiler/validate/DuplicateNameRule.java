package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.Setting;
import io.dedicate.dsl.ast.TerraformSetting;
import io.dedicate.dsl.ast.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A name declared twice where names must be unique: plans, parameters of one request, instance
 * groups, jobs of a group, properties of a job, variables, outputs, releases, errands, hooks, apps,
 * an app's environment, Terraform variables, enum values, settings of a block. Reported at the
 * later declaration, with the first one's position in the hint.
 */
public final class DuplicateNameRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        names(offering.plans(), Member.Plan::name, "plan", reporter);
        for (List<ParameterDecl> request : requests(offering)) {
            names(request, ParameterDecl::name, "parameter", reporter);
        }
        names(offering.instanceGroups(), DeploymentSetting.InstanceGroup::name, "instance-group", reporter);
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            List<GroupSetting.Job> jobs = Members.ofKind(group.settings(), GroupSetting.Job.class);
            names(jobs, GroupSetting.Job::name, "job", reporter, group.name());
            for (GroupSetting.Job job : jobs) {
                Members.duplicates(
                        job.properties(),
                        GroupSetting.Property::dotted,
                        (later, first) -> reporter.error(
                                Members.spanning(
                                        later.path().get(0),
                                        later.path().get(later.path().size() - 1)),
                                "property",
                                later.dotted(),
                                first.span().position(),
                                job.name()));
            }
        }
        names(offering.variables(), DeploymentSetting.Variable::name, "variable", reporter);
        for (DeploymentSetting.Variable variable : offering.variables()) {
            names(
                    variable.options(),
                    DeploymentSetting.VariableOption::key,
                    "variable-option",
                    reporter,
                    variable.name());
        }
        names(offering.outputs(), o -> o.name(), "output", reporter);
        names(offering.members(Member.Release.class), Member.Release::name, "release", reporter);
        names(offering.members(Member.Errand.class), Member.Errand::name, "errand", reporter);
        names(offering.members(Member.Hook.class), Member.Hook::name, "hook", reporter);
        names(offering.members(Member.App.class), Member.App::name, "app", reporter);
        for (Member.App app : offering.members(Member.App.class)) {
            names(
                    Members.ofKind(app.settings(), AppSetting.Env.class),
                    AppSetting.Env::name,
                    "env",
                    reporter,
                    app.name());
        }
        for (Member.Terraform terraform : offering.members(Member.Terraform.class)) {
            names(
                    Members.ofKind(terraform.settings(), TerraformSetting.Var.class),
                    TerraformSetting.Var::name,
                    "terraform-var",
                    reporter);
        }
        Members.duplicates(
                offering.members(Member.Upgrade.class),
                u -> u.from().value() + " -> " + u.to().value(),
                (later, first) -> reporter.error(
                        Members.spanning(later.from(), later.to()),
                        "upgrade",
                        later.from().value() + " -> " + later.to().value(),
                        first.span().position()));
        for (Member.Parameters block : offering.members(Member.Parameters.class)) {
            for (ParameterDecl parameter : block.parameters()) {
                List<Value> values = parameter.type().enumValues();
                Members.duplicates(
                        values,
                        Members::written,
                        (later, first) -> reporter.error(
                                later,
                                "enum-value",
                                Members.written(later),
                                first.span().position(),
                                parameter.name()));
            }
        }
        settingBlocks(offering, reporter);
    }

    private static void settingBlocks(ExpandedOffering offering, Reporter reporter) {
        List<List<Setting>> blocks = new ArrayList<>();
        offering.deploymentSettings(DeploymentSetting.Update.class).forEach(u -> blocks.add(u.settings()));
        offering.members(Member.Limits.class).forEach(l -> blocks.add(l.settings()));
        offering.members(Member.Pipeline.class).forEach(p -> blocks.add(p.settings()));
        offering.plans()
                .forEach(plan -> Members.ofKind(plan.settings(), io.dedicate.dsl.ast.PlanSetting.Driver.class)
                        .forEach(d -> blocks.add(d.settings())));
        for (List<Setting> block : blocks) {
            names(block, Setting::key, "setting", reporter);
        }
    }

    /** The parameter lists each OSB request takes; a name must be unique within each. */
    private static List<List<ParameterDecl>> requests(ExpandedOffering offering) {
        List<ParameterDecl> cluster = offering.parameters(Member.ParameterScope.CLUSTER);
        List<ParameterDecl> create = new ArrayList<>(cluster);
        create.addAll(offering.parameters(Member.ParameterScope.CLUSTER_CREATE));
        List<ParameterDecl> update = new ArrayList<>(cluster);
        update.addAll(offering.parameters(Member.ParameterScope.CLUSTER_UPDATE));
        return List.of(
                create,
                update,
                offering.parameters(Member.ParameterScope.CHILD),
                offering.parameters(Member.ParameterScope.BINDING));
    }

    private static <T extends io.dedicate.dsl.FromSourceSpan> void names(
            List<T> declarations, java.util.function.Function<T, Name> name, String kind, Reporter reporter) {
        names(declarations, name, kind, reporter, null);
    }

    private static <T extends io.dedicate.dsl.FromSourceSpan> void names(
            List<T> declarations,
            java.util.function.Function<T, Name> name,
            String kind,
            Reporter reporter,
            @org.jspecify.annotations.Nullable Name container) {
        Members.duplicates(
                declarations,
                d -> name.apply(d).value(),
                (later, first) -> reporter.error(
                        name.apply(later),
                        kind,
                        name.apply(later).value(),
                        name.apply(first).span().position(),
                        container == null ? "" : container.value()));
    }
}
