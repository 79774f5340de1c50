package io.dedicate.compiler.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The code of each rule class ({@code UnknownPlanRule} gives {@code unknown-plan}), derived once per class: every
 * compilation asks every rule for its code.
 */
final class RuleCodes {

    private static final Pattern WORD_START = Pattern.compile("([a-z0-9])([A-Z])");

    private static final ClassValue<String> CODES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> rule) {
            return derive(rule);
        }
    };

    private RuleCodes() {}

    static String of(Class<?> rule) {
        return CODES.get(rule);
    }

    private static String derive(Class<?> rule) {
        String name = rule.getSimpleName();
        if (name.endsWith("Rule")) {
            name = name.substring(0, name.length() - "Rule".length());
        }
        return WORD_START.matcher(name).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }
}
