package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Messages;
import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.Setting;

/**
 * A known setting with a value of the wrong kind: {@code canaries "one"}, {@code serial 1},
 * {@code quota true}, {@code clusters_per_org 0}. Reported at the value.
 */
public final class SettingTypeRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (SettingBlockSite site : SettingBlockSite.all(offering)) {
            for (Setting setting : site.settings()) {
                site.block().key(setting.key().value()).ifPresent(key -> {
                    if (!key.kind().accepts(setting.value())) {
                        reporter.error(
                                setting.value(),
                                "",
                                key.name(),
                                site.block().label(),
                                Messages.catalogue().format(key.kind().messageKey()));
                    }
                });
            }
        }
    }
}
