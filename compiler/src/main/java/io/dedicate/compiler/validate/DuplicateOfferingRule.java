package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Two offerings of the compilation with the same name: the name is the service's name in the
 * catalog and in the bundle's paths. Reported at the later one (in input order).
 */
public final class DuplicateOfferingRule implements Rule {

    @Override
    public void checkAcross(List<ExpandedOffering> offerings, Function<ExpandedOffering, Reporter> reporters) {
        Map<String, ExpandedOffering> first = new HashMap<>();
        for (ExpandedOffering offering : offerings) {
            ExpandedOffering earlier = first.putIfAbsent(offering.name(), offering);
            if (earlier != null) {
                reporters
                        .apply(offering)
                        .error(
                                offering.ast().name(),
                                "",
                                offering.name(),
                                earlier.ast().name().span().position());
            }
        }
    }
}
