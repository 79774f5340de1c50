package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Setting;

/**
 * A key a settings block does not know: the BOSH {@code update} block (canaries, max_in_flight,
 * canary_watch_time, update_watch_time, serial, vm_strategy), {@code limits}, {@code pipeline},
 * and each driver's settings. A misspelled key would otherwise be silently ignored.
 */
public final class UnknownSettingRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (SettingBlockSite site : SettingBlockSite.all(offering)) {
            for (Setting setting : site.settings()) {
                String key = setting.key().value();
                if (site.block().key(key).isEmpty()) {
                    reporter.unknownName(
                            setting.key(),
                            "",
                            key,
                            site.block().keyNames(),
                            site.block().label());
                }
            }
        }
    }
}
