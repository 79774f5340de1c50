package io.dedicate.compiler.validate;

import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Node;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.TerraformSetting;
import java.util.Locale;

/** The keyword a member or setting is written with, for messages: {@code vm_type}, {@code create_only}. */
final class Keywords {

    private Keywords() {}

    static String of(Node node) {
        if (node instanceof Member.Metadata m) {
            return lower(m.key());
        } else if (node instanceof Member.Flag f) {
            return lower(f.key());
        } else if (node instanceof PlanSetting.Metadata m) {
            return lower(m.key());
        } else if (node instanceof ParameterOption.Flag f) {
            return lower(f.kind());
        }
        return simple(node);
    }

    private static String simple(Node node) {
        if (node instanceof Member.Stemcell) return "stemcell";
        if (node instanceof Member.Terraform) return "terraform";
        if (node instanceof Member.Sharing) return "sharing";
        if (node instanceof Member.Limits) return "limits";
        if (node instanceof Member.Pipeline) return "pipeline";
        if (node instanceof DeploymentSetting.DeploymentName) return "name";
        if (node instanceof DeploymentSetting.Network) return "network";
        if (node instanceof DeploymentSetting.Update) return "update";
        if (node instanceof PlanSetting.Free) return "free";
        if (node instanceof PlanSetting.Bindable) return "bindable";
        if (node instanceof PlanSetting.Updateable) return "plan_updateable";
        if (node instanceof PlanSetting.Instances) return "instances";
        if (node instanceof PlanSetting.VmType) return "vm_type";
        if (node instanceof PlanSetting.Disk) return "disk";
        if (node instanceof PlanSetting.Azs) return "azs";
        if (node instanceof PlanSetting.MaxPolling) return "max_polling";
        if (node instanceof PlanSetting.Driver) return "driver";
        if (node instanceof PlanSetting.Cost) return "cost";
        if (node instanceof PlanSetting.Bullets) return "bullets";
        if (node instanceof GroupSetting.Lifecycle) return "lifecycle";
        if (node instanceof GroupSetting.Instances) return "instances";
        if (node instanceof GroupSetting.VmType) return "vm_type";
        if (node instanceof GroupSetting.Disk) return "disk";
        if (node instanceof GroupSetting.Networks) return "networks";
        if (node instanceof GroupSetting.Azs) return "azs";
        if (node instanceof AppSetting.Source) return "source";
        if (node instanceof AppSetting.Buildpack) return "buildpack";
        if (node instanceof AppSetting.Memory) return "memory";
        if (node instanceof AppSetting.Disk) return "disk";
        if (node instanceof AppSetting.Instances) return "instances";
        if (node instanceof AppSetting.Target) return "target";
        if (node instanceof AppSetting.Route) return "route";
        if (node instanceof TerraformSetting.Module) return "module";
        if (node instanceof ParameterOption.Range) return "range";
        if (node instanceof ParameterOption.Length) return "length";
        if (node instanceof ParameterOption.Pattern) return "pattern";
        if (node instanceof ParameterOption.Example) return "example";
        return node.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String lower(Enum<?> key) {
        return key.name().toLowerCase(Locale.ROOT);
    }
}
