package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.SettingBlock;

/** A required setting missing from its block: {@code driver delegate} needs {@code plan}. */
public final class MissingSettingRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (SettingBlockSite site : SettingBlockSite.all(offering)) {
            for (SettingBlock.Key key : site.block().keys()) {
                boolean given =
                        site.settings().stream().anyMatch(s -> s.key().value().equals(key.name()));
                if (key.required() && !given) {
                    reporter.error(site.anchor(), "", key.name(), site.block().label());
                }
            }
        }
    }
}
