package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Timing;
import java.util.List;
import java.util.Locale;

/**
 * A timing that cannot happen: an errand runs on the deployment, so neither {@code before deploy}
 * (nothing is deployed yet) nor {@code after delete} (nothing is left); a hook registers what the
 * deployment reported, so not {@code before deploy}, and registering {@code after delete} would
 * point the shared deployment at a cluster that is gone. Reported at the phase.
 */
public final class ImpossibleTimingRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Errand errand : offering.members(Member.Errand.class)) {
            for (Timing timing : errand.timings()) {
                for (Timing.PhaseRef phase : timing.phases()) {
                    if (beforeDeploy(timing, phase) || afterDelete(timing, phase)) {
                        reporter.error(phase, "errand", errand.name(), words(timing, phase));
                    }
                }
            }
        }
        for (Member.Hook hook : offering.members(Member.Hook.class)) {
            for (HookSetting setting : hook.settings()) {
                boolean register = setting instanceof HookSetting.Register;
                List<Timing> timings = setting instanceof HookSetting.Register r
                        ? r.timings()
                        : setting instanceof HookSetting.Deregister d ? d.timings() : List.of();
                for (Timing timing : timings) {
                    for (Timing.PhaseRef phase : timing.phases()) {
                        if (beforeDeploy(timing, phase) || (register && afterDelete(timing, phase))) {
                            reporter.error(
                                    phase, register ? "register" : "deregister", hook.name(), words(timing, phase));
                        }
                    }
                }
            }
        }
    }

    private static boolean beforeDeploy(Timing timing, Timing.PhaseRef phase) {
        return timing.when() == Timing.When.BEFORE && phase.phase() == Timing.Phase.DEPLOY;
    }

    private static boolean afterDelete(Timing timing, Timing.PhaseRef phase) {
        return timing.when() == Timing.When.AFTER && phase.phase() == Timing.Phase.DELETE;
    }

    private static String words(Timing timing, Timing.PhaseRef phase) {
        return (timing.when().name() + " " + phase.phase().name()).toLowerCase(Locale.ROOT);
    }
}
