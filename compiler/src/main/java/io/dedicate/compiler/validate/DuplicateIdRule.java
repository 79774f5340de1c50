package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.NameBasedIds;
import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Two services or plans of the compilation with the same ID (declared, or derived from names):
 * the platform identifies services and plans by ID, so every one must be unique across the bundle.
 * Two derived IDs only collide when the names do, which {@code duplicate-name} and {@code
 * duplicate-offering} report, so at least one of the two IDs must be declared.
 */
public final class DuplicateIdRule implements Rule {

    private record Identified(String id, boolean declared, String what, FromSourceSpan at, ExpandedOffering offering) {}

    @Override
    public void checkAcross(List<ExpandedOffering> offerings, Function<ExpandedOffering, Reporter> reporters) {
        Map<String, Identified> seen = new HashMap<>();
        for (ExpandedOffering offering : offerings) {
            for (Identified identified : ids(offering)) {
                Identified first = seen.putIfAbsent(identified.id(), identified);
                if (first != null && (first.declared() || identified.declared())) {
                    reporters
                            .apply(identified.offering())
                            .error(
                                    identified.at(),
                                    "",
                                    identified.id(),
                                    identified.what(),
                                    first.what(),
                                    first.at().span().position());
                }
            }
        }
    }

    private static List<Identified> ids(ExpandedOffering offering) {
        List<Identified> ids = new java.util.ArrayList<>();
        String service = "service `" + offering.name() + "`";
        Optional<Member.Metadata> declared =
                offering.metadata(Member.MetadataKey.ID).stream().findFirst();
        ids.add(declared.map(d -> new Identified(d.value().value(), true, service, d.value(), offering))
                .orElseGet(() -> new Identified(
                        NameBasedIds.serviceId(offering.name()),
                        false,
                        service,
                        offering.ast().name(),
                        offering)));
        for (Member.Plan plan : offering.plans()) {
            String what = "plan `" + offering.name() + "/" + plan.name().value() + "`";
            Optional<PlanSetting.Metadata> planId = Members.ofKind(plan.settings(), PlanSetting.Metadata.class).stream()
                    .filter(m -> m.key() == PlanSetting.PlanMetadataKey.ID)
                    .findFirst();
            ids.add(planId.map(d -> new Identified(d.value().value(), true, what, d.value(), offering))
                    .orElseGet(() -> new Identified(
                            NameBasedIds.planId(offering.name(), plan.name().value()),
                            false,
                            what,
                            plan.name(),
                            offering)));
        }
        return ids;
    }
}
