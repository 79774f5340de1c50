package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.DriverKind;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A driver that needs cluster outputs the offering does not declare: {@code delegate} calls the
 * cluster's broker ({@code broker_url}, {@code broker_username}, {@code broker_password}), {@code
 * mysql} its admin endpoint ({@code host}, {@code port}, {@code admin_username}, {@code
 * admin_password}). Reported at the driver's name, once per plan.
 */
public final class MissingDriverOutputRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        Set<String> outputs =
                offering.outputs().stream().map(o -> o.name().value()).collect(Collectors.toSet());
        for (Member.Plan plan : offering.plans()) {
            if (plan.kind() != Member.PlanKind.CHILD) {
                continue;
            }
            for (PlanSetting.Driver driver : Members.ofKind(plan.settings(), PlanSetting.Driver.class)) {
                DriverKind.named(driver.driver().value()).ifPresent(known -> {
                    List<String> missing = known.requiredOutputs().stream()
                            .filter(o -> !outputs.contains(o))
                            .toList();
                    if (!missing.isEmpty()) {
                        reporter.error(
                                driver.driver(),
                                "",
                                known.driverName(),
                                missing.stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")),
                                missing.get(0));
                    }
                });
            }
        }
    }
}
