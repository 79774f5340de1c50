package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.JobSpec;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.GroupSetting;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A property a job's template reads with {@code p("...")} and no default argument, that the spec
 * gives no default and the offering never sets: rendering fails on the director ("Can't find
 * property"). Only where the templates are at hand (a release tarball). A warning, since the read
 * may sit in a branch the job's other properties never take.
 */
public final class UnsetTemplatePropertyRule implements Rule {

    private final ReleaseSpecCatalog catalog;

    public UnsetTemplatePropertyRule(ReleaseSpecCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (SpecifiedJob specified : SpecifiedJob.of(offering, catalog)) {
            GroupSetting.Job job = specified.job();
            Optional<JobSpec> spec = specified.spec();
            if (spec.isEmpty()) {
                continue;
            }
            Set<String> set = new HashSet<>();
            Set<String> whole = new HashSet<>();
            for (GroupSetting.Property property : job.properties()) {
                collect(property.dotted(), property.value(), set, whole);
            }
            Set<String> reported = new HashSet<>();
            for (JobSpec.TemplateRead read : spec.get().reads()) {
                if (!spec.get().hasDefault(read.property())
                        && !isSet(read.property(), set, whole)
                        && reported.add(read.property())) {
                    reporter.warning(
                            job.name(),
                            "",
                            read.property(),
                            read.template(),
                            job.name().value(),
                            spec.get().declares(read.property()) ? "" : " (and the spec does not declare it)");
                }
            }
        }
    }

    /**
     * Every dotted path the property sets into {@code set}, map literals opened key by key; the
     * paths of other values (references, lists, scalars), which cannot be looked into, also into
     * {@code whole}.
     */
    private static void collect(String dotted, Expr value, Set<String> set, Set<String> whole) {
        set.add(dotted);
        if (value instanceof Expr.MapOf map) {
            for (Expr.Entry entry : map.entries()) {
                collect(dotted + "." + entry.key().value(), entry.value(), set, whole);
            }
        } else {
            whole.add(dotted);
        }
    }

    /** Set exactly, inside a value set as a whole, or as a map with values set below it. */
    private static boolean isSet(String property, Set<String> set, Set<String> whole) {
        for (String path : set) {
            if (path.equals(property) || path.startsWith(property + ".")) {
                return true;
            }
        }
        return whole.stream().anyMatch(path -> property.startsWith(path + "."));
    }
}
