package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.release.JobSpec;
import io.dedicate.compiler.release.ReleaseSpec;
import io.dedicate.compiler.release.ReleaseSpecCatalog;
import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.GroupSetting;
import java.util.Optional;

/**
 * A property a job's spec does not declare: BOSH ignores it silently, so the setting has no effect.
 *
 * <p>Properties are dotted names. A value at a declared name is fine, whatever its shape; so is a
 * value inside a declared name ({@code a.b.c} where {@code a.b} is declared, a map). A map set at a
 * prefix of declared names ({@code tls = { server_certificate: ... }}) is checked key by key; any
 * other value there (a reference, a variable) cannot be looked into and is accepted.
 */
public final class UndeclaredPropertyRule implements Rule {

    private final ReleaseSpecCatalog catalog;

    public UndeclaredPropertyRule(ReleaseSpecCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (SpecifiedJob specified : SpecifiedJob.of(offering, catalog)) {
            Optional<JobSpec> spec = specified.spec();
            if (spec.isEmpty()) {
                continue;
            }
            for (GroupSetting.Property property : specified.job().properties()) {
                FromSourceSpan at = Members.spanning(
                        property.path().get(0),
                        property.path().get(property.path().size() - 1));
                check(property.dotted(), property.value(), at, spec.get(), specified.release(), reporter);
            }
        }
    }

    private static void check(
            String dotted, Expr value, FromSourceSpan at, JobSpec job, ReleaseSpec release, Reporter reporter) {
        if (job.declares(dotted) || job.declaresAbove(dotted)) {
            return;
        }
        if (job.declaresBelow(dotted)) {
            if (value instanceof Expr.MapOf map) {
                for (Expr.Entry entry : map.entries()) {
                    check(dotted + "." + entry.key().value(), entry.value(), entry.key(), job, release, reporter);
                }
            }
            return;
        }
        reporter.unknownName(at, "", dotted, job.propertyNames(), job.name(), release.source());
    }
}
