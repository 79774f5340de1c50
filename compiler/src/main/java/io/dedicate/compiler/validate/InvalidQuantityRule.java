package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.Quantity;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.SettingKind;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.Setting;
import io.dedicate.dsl.ast.Value;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A quantity that means nothing where it is written: an unknown unit ({@code 10XB}), a duration
 * where a byte size is expected ({@code disk 10s}), a disk or memory that is not a whole number of
 * MB, a fraction of a byte or second. Reported at the quantity.
 */
public final class InvalidQuantityRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Plan plan : offering.plans()) {
            for (PlanSetting setting : plan.settings()) {
                if (setting instanceof PlanSetting.Disk disk) {
                    check(disk.size(), Quantity.Dimension.BYTES, true, reporter);
                } else if (setting instanceof PlanSetting.MaxPolling polling) {
                    check(polling.duration(), Quantity.Dimension.DURATION, false, reporter);
                }
            }
        }
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (GroupSetting.Disk disk : Members.ofKind(group.settings(), GroupSetting.Disk.class)) {
                check(disk.size(), Quantity.Dimension.BYTES, true, reporter);
            }
        }
        for (Member.App app : offering.members(Member.App.class)) {
            for (AppSetting setting : app.settings()) {
                if (setting instanceof AppSetting.Memory memory) {
                    check(memory.size(), Quantity.Dimension.BYTES, true, reporter);
                } else if (setting instanceof AppSetting.Disk disk) {
                    check(disk.size(), Quantity.Dimension.BYTES, true, reporter);
                }
            }
        }
        for (Members.ScopedParameter parameter : Members.parameters(offering)) {
            Optional<Quantity.Dimension> dimension =
                    ParameterTyping.dimension(parameter.decl().type().kind());
            if (dimension.isEmpty()) {
                continue;
            }
            check(parameter.decl().defaultValue(), dimension.get(), reporter);
            for (ParameterOption.Example example : parameter.options(ParameterOption.Example.class)) {
                check(example.value(), dimension.get(), reporter);
            }
            for (ParameterOption.Range range : parameter.options(ParameterOption.Range.class)) {
                for (Value bound : Arrays.asList(range.min(), range.max())) {
                    check(bound, dimension.get(), reporter);
                }
            }
        }
        for (SettingBlockSite site : SettingBlockSite.all(offering)) {
            for (Setting setting : site.settings()) {
                boolean bytes = site.block()
                        .key(setting.key().value())
                        .filter(k -> k.kind() == SettingKind.BYTES)
                        .isPresent();
                if (bytes) {
                    check(setting.value(), Quantity.Dimension.BYTES, reporter);
                }
            }
        }
        for (ExpressionSite site : ExpressionSite.all(offering)) {
            site.nested()
                    .filter(Value.Quantity.class::isInstance)
                    .map(Value.Quantity.class::cast)
                    .forEach(q -> check(q, null, false, reporter));
        }
    }

    private static void check(@Nullable Value value, Quantity.Dimension expected, Reporter reporter) {
        if (value instanceof Value.Quantity quantity) {
            check(quantity, expected, false, reporter);
        }
    }

    private static void check(
            Value.Quantity written, Quantity.@Nullable Dimension expected, boolean wholeMegabytes, Reporter reporter) {
        Optional<Quantity> parsed = Quantity.parse(written.text());
        if (parsed.isEmpty()) {
            if (expected == null) {
                reporter.error(
                        written,
                        "expression",
                        written.text(),
                        Quantity.Unit.list(Quantity.Dimension.BYTES),
                        Quantity.Unit.list(Quantity.Dimension.DURATION));
            } else {
                reporter.error(written, "unit", written.text(), expected.description(), Quantity.Unit.list(expected));
            }
            return;
        }
        Quantity quantity = parsed.get();
        if (expected != null && quantity.dimension() != expected) {
            reporter.error(
                    written,
                    "dimension",
                    written.text(),
                    quantity.dimension().description(),
                    expected.description(),
                    Quantity.Unit.list(expected));
        } else if (wholeMegabytes && quantity.wholeMegabytes().isEmpty()) {
            reporter.error(written, "whole-mb", written.text());
        } else if (quantity.wholeBase().isEmpty()) {
            reporter.error(
                    written,
                    "whole",
                    written.text(),
                    quantity.dimension() == Quantity.Dimension.BYTES ? "bytes" : "seconds");
        }
    }
}
