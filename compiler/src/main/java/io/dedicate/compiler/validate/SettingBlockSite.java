package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.DriverKind;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.SettingBlock;
import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * A block of {@code key value} settings as written, with the {@link SettingBlock} that says which
 * keys it knows, and where to report what the block lacks (the driver's name, the block keyword).
 */
record SettingBlockSite(SettingBlock block, List<Setting> settings, FromSourceSpan anchor) {

    /** Every settings block of the offering; drivers only when the driver is known. */
    static List<SettingBlockSite> all(ExpandedOffering offering) {
        List<SettingBlockSite> sites = new ArrayList<>();
        for (DeploymentSetting.Update update : offering.deploymentSettings(DeploymentSetting.Update.class)) {
            sites.add(new SettingBlockSite(SettingBlock.UPDATE, update.settings(), Members.keyword(update, "update")));
        }
        for (Member.Limits limits : offering.members(Member.Limits.class)) {
            sites.add(new SettingBlockSite(SettingBlock.LIMITS, limits.settings(), Members.keyword(limits, "limits")));
        }
        for (Member.Pipeline pipeline : offering.members(Member.Pipeline.class)) {
            sites.add(new SettingBlockSite(
                    SettingBlock.PIPELINE, pipeline.settings(), Members.keyword(pipeline, "pipeline")));
        }
        for (Member.Plan plan : offering.plans()) {
            for (PlanSetting.Driver driver : Members.ofKind(plan.settings(), PlanSetting.Driver.class)) {
                DriverKind.named(driver.driver().value())
                        .ifPresent(known -> sites.add(
                                new SettingBlockSite(SettingBlock.of(known), driver.settings(), driver.driver())));
            }
        }
        return sites;
    }
}
