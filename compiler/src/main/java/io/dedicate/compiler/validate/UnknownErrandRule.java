package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import java.util.List;
import java.util.Optional;

/**
 * An {@code errand} BOSH could not run: {@code errand X} must name a {@code lifecycle errand}
 * instance group X; {@code errand X on GROUP} must name a job X of GROUP (a colocated errand).
 */
public final class UnknownErrandRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        List<DeploymentSetting.InstanceGroup> groups = offering.instanceGroups();
        List<String> errandGroups = Members.groupNames(
                groups.stream().filter(Members::isErrandGroup).toList());
        for (Member.Errand errand : offering.members(Member.Errand.class)) {
            Name name = errand.name();
            Name on = errand.on();
            if (on == null) {
                Optional<DeploymentSetting.InstanceGroup> group = groups.stream()
                        .filter(g -> g.name().value().equals(name.value()))
                        .findFirst();
                if (group.isPresent() && !Members.isErrandGroup(group.get())) {
                    reporter.error(name, "not-errand", name.value());
                } else if (group.isEmpty()) {
                    reporter.unknownName(name, "", name.value(), errandGroups);
                }
                continue;
            }
            groups.stream()
                    .filter(g -> g.name().value().equals(on.value()))
                    .findFirst()
                    .ifPresent(group -> {
                        List<String> jobs = Members.ofKind(group.settings(), GroupSetting.Job.class).stream()
                                .map(j -> j.name().value())
                                .toList();
                        if (!jobs.contains(name.value())) {
                            reporter.unknownName(name, "job", name.value(), jobs, on.value());
                        }
                    });
        }
    }
}
