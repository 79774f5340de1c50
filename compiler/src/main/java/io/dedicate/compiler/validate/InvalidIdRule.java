package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.Text;
import java.util.regex.Pattern;

/**
 * A declared service or plan {@code id} that is not a UUID-like safe string. OSB only asks for a
 * non-empty string and recommends GUIDs; the broker puts IDs in URL paths and file names, so they
 * are restricted to letters, digits, {@code .}, {@code _} and {@code -}, at most 255 characters.
 */
public final class InvalidIdRule implements Rule {

    /** What a declared ID must match. */
    public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Metadata id : offering.metadata(Member.MetadataKey.ID)) {
            check(id.value(), reporter);
        }
        for (Member.Plan plan : offering.plans()) {
            for (PlanSetting.Metadata id : Members.ofKind(plan.settings(), PlanSetting.Metadata.class)) {
                if (id.key() == PlanSetting.PlanMetadataKey.ID) {
                    check(id.value(), reporter);
                }
            }
        }
    }

    private static void check(Text id, Reporter reporter) {
        if (!SAFE_ID.matcher(id.value()).matches()) {
            reporter.error(id, "", id.value());
        }
    }
}
