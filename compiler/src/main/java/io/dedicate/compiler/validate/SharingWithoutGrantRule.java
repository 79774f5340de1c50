package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import java.util.Locale;

/**
 * {@code sharing across spaces} (or orgs) without {@code requires grant}: anyone in those spaces
 * could create children in a team's cluster, and see its load. Allowed, but worth a warning.
 */
public final class SharingWithoutGrantRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Sharing sharing : offering.members(Member.Sharing.class)) {
            if (sharing.scope() != Member.SharingScope.NONE && !sharing.requiresGrant()) {
                reporter.warning(sharing, "", sharing.scope().name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
