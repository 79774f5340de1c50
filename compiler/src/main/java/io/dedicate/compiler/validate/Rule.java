package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import java.util.List;
import java.util.function.Function;

/**
 * One validation rule: checks one kind of mistake and reports it with one stable code.
 *
 * <p>The code derives from the class name ({@code UnknownPlanRule} reports {@code unknown-plan});
 * its texts are in the message catalogue under that code. Rules report every mistake they find
 * through the {@link Reporter} and never throw. Register a new rule in {@link ValidationRules#ALL}.
 */
public interface Rule {

    /** The stable code of the diagnostics this rule reports. */
    default String code() {
        return codeOf(getClass());
    }

    /** Checks one offering (includes expanded). Most rules only implement this. */
    default void check(ExpandedOffering offering, Reporter reporter) {}

    /**
     * Checks what only shows across offerings (duplicate service names or IDs). {@code reporters}
     * gives the reporter of the offering a diagnostic belongs to.
     */
    default void checkAcross(List<ExpandedOffering> offerings, Function<ExpandedOffering, Reporter> reporters) {}

    /** {@code UnknownPlanRule} gives {@code unknown-plan}. */
    static String codeOf(Class<?> rule) {
        return RuleCodes.of(rule);
    }
}
