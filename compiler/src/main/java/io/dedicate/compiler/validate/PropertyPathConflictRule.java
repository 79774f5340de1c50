package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import java.util.List;

/**
 * Two properties of one job where one is inside the other: {@code property a.b = 1} and {@code
 * property a.b.c = 2}. Properties nest by their dotted paths, and {@code a.b} cannot be both a value
 * and a map. (The same path twice is a {@code duplicate-name}.)
 */
public final class PropertyPathConflictRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (DeploymentSetting.InstanceGroup group : offering.instanceGroups()) {
            for (GroupSetting.Job job : Members.ofKind(group.settings(), GroupSetting.Job.class)) {
                List<GroupSetting.Property> properties = job.properties();
                for (GroupSetting.Property inner : properties) {
                    properties.stream()
                            .filter(outer -> encloses(outer, inner))
                            .findFirst()
                            .ifPresent(outer -> reporter.error(
                                    Members.spanning(
                                            inner.path().get(0),
                                            inner.path().get(inner.path().size() - 1)),
                                    "",
                                    inner.dotted(),
                                    outer.dotted(),
                                    outer.span().position(),
                                    job.name().value()));
                }
            }
        }
    }

    /** Whether {@code outer}'s path is a proper prefix of {@code inner}'s. */
    private static boolean encloses(GroupSetting.Property outer, GroupSetting.Property inner) {
        List<String> outerPath = outer.path().stream().map(n -> n.value()).toList();
        List<String> innerPath = inner.path().stream().map(n -> n.value()).toList();
        return outerPath.size() < innerPath.size()
                && innerPath.subList(0, outerPath.size()).equals(outerPath);
    }
}
