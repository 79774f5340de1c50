package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.ast.Member;
import java.util.List;
import java.util.function.Function;

/**
 * A release named on the command line ({@code --release-specs NAME=PATH}) that no offering
 * declares: a misspelt name would otherwise mean that nothing is checked. Reported at the first
 * offering's name.
 */
public final class UnusedReleaseSpecsRule implements Rule {

    private final ReleaseSpecCatalog catalog;

    public UnusedReleaseSpecsRule(ReleaseSpecCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void checkAcross(List<ExpandedOffering> offerings, Function<ExpandedOffering, Reporter> reporters) {
        if (offerings.isEmpty()) {
            return;
        }
        List<String> declared = offerings.stream()
                .flatMap(o -> o.members(Member.Release.class).stream())
                .map(r -> r.name().value())
                .distinct()
                .sorted()
                .toList();
        ExpandedOffering first = offerings.get(0);
        for (String name : catalog.given().keySet()) {
            if (!declared.contains(name)) {
                reporters.apply(first).unknownName(first.ast().name(), "", name, declared);
            }
        }
    }
}
