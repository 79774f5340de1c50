package io.dedicate.compiler.diff;

import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.ParameterConstraints;
import io.dedicate.bundle.model.ParameterModel;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.ParameterType;
import io.dedicate.bundle.model.Quantity;
import io.dedicate.bundle.model.SourceMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parameter part of {@link BundleDiff}: each request's parameters matched by name. A cluster
 * parameter sits in both {@code cluster_create} and {@code cluster_update}; it is compared once, under
 * {@code cluster_create}, where a create-only flag added (which takes it out of {@code cluster_update})
 * is reported as such.
 */
final class ParameterDiff {

    private final OfferingPair pair;
    private final ParameterScope scope;

    private ParameterDiff(OfferingPair pair, ParameterScope scope) {
        this.pair = pair;
        this.scope = scope;
    }

    static void compare(OfferingPair pair) {
        for (ParameterScope scope : ParameterScope.values()) {
            new ParameterDiff(pair, scope).compare();
        }
    }

    private void compare() {
        for (ParameterModel before : pair.before.parameters(scope)) {
            if (describedUnderCreate(before.name())) {
                continue;
            }
            Optional<ParameterModel> after = find(pair.after, scope, before.name());
            if (after.isEmpty()) {
                pair.add(
                        "parameter-removed",
                        Impact.BREAKING,
                        subject(before.name()) + " is removed: requests and scripts that give it are refused",
                        oldKey(before.name()),
                        SourceMap.OFFERING);
            } else {
                compare(before, after.get());
            }
        }
        for (ParameterModel after : pair.after.parameters(scope)) {
            if (describedUnderCreate(after.name())
                    || find(pair.before, scope, after.name()).isPresent()) {
                continue;
            }
            boolean required = after.flags().required();
            pair.add(
                    "parameter-added",
                    required ? Impact.BREAKING : Impact.COMPATIBLE,
                    subject(after.name()) + " is new"
                            + (required ? " and required: requests without it are refused" : ""),
                    SourceMap.OFFERING,
                    newKey(after.name()));
        }
    }

    /**
     * Whether a {@code cluster_update} parameter is also a create parameter of either version: its
     * changes (a create-only flag added or removed, its removal) are reported under {@code cluster_create}.
     */
    private boolean describedUnderCreate(String name) {
        if (scope != ParameterScope.CLUSTER_UPDATE) {
            return false;
        }
        return find(pair.before, ParameterScope.CLUSTER_CREATE, name).isPresent()
                || find(pair.after, ParameterScope.CLUSTER_CREATE, name).isPresent();
    }

    private void compare(ParameterModel before, ParameterModel after) {
        String name = before.name();
        if (before.type() != after.type()) {
            boolean widened = before.type() == ParameterType.INTEGER && after.type() == ParameterType.NUMBER;
            add(
                    "type-changed",
                    widened ? Impact.COMPATIBLE : Impact.BREAKING,
                    subject(name) + " changes type from " + before.type().modelKey() + " to "
                            + after.type().modelKey() + (widened ? "" : ": values given before may be refused"),
                    name);
            return;
        }
        if (!before.flags().required() && after.flags().required()) {
            add(
                    "made-required",
                    Impact.BREAKING,
                    subject(name) + " is now required: requests without it are refused",
                    name);
        } else if (before.flags().required() && !after.flags().required()) {
            add("made-optional", Impact.COMPATIBLE, subject(name) + " is no longer required", name);
        }
        if (!before.flags().createOnly() && after.flags().createOnly()) {
            add(
                    "create-only-added",
                    Impact.BREAKING,
                    subject(name) + " is now create-only: updates of existing clusters that give it are refused",
                    name);
        } else if (before.flags().createOnly() && !after.flags().createOnly()) {
            add("create-only-removed", Impact.COMPATIBLE, subject(name) + " may now be changed by an update", name);
        }
        range(before, after);
        length(before.constraints(), after.constraints(), name);
        pattern(before.constraints(), after.constraints(), name);
        enumValues(before.constraints(), after.constraints(), name);
        if (!Objects.equals(before.writtenDefault(), after.writtenDefault())) {
            add(
                    "default-changed",
                    Impact.COMPATIBLE,
                    subject(name) + ": default " + shown(before.writtenDefault()) + " becomes "
                            + shown(after.writtenDefault()),
                    name);
        }
    }

    private void range(ParameterModel before, ParameterModel after) {
        ParameterConstraints old = before.constraints();
        ParameterConstraints now = after.constraints();
        int lower = bound(old.minimum(), now.minimum(), true);
        int upper = bound(old.maximum(), now.maximum(), false);
        if (lower == 0 && upper == 0) {
            return;
        }
        boolean narrowed = lower > 0 || upper > 0;
        String range = range(before.type(), old.minimum(), old.maximum()) + " becomes "
                + range(after.type(), now.minimum(), now.maximum());
        add(
                narrowed ? "range-narrowed" : "range-widened",
                narrowed ? Impact.BREAKING : Impact.COMPATIBLE,
                subject(before.name()) + ": range " + range
                        + (narrowed
                                ? ": values accepted before are refused, and existing clusters that have one"
                                        + " cannot be updated without changing it"
                                : ""),
                before.name());
    }

    private void length(ParameterConstraints old, ParameterConstraints now, String name) {
        int lower = bound(number(old.minLength()), number(now.minLength()), true);
        int upper = bound(number(old.maxLength()), number(now.maxLength()), false);
        if (lower == 0 && upper == 0) {
            return;
        }
        boolean narrowed = lower > 0 || upper > 0;
        add(
                narrowed ? "length-narrowed" : "length-widened",
                narrowed ? Impact.BREAKING : Impact.COMPATIBLE,
                subject(name) + ": length "
                        + range(ParameterType.INTEGER, number(old.minLength()), number(old.maxLength()))
                        + " becomes " + range(ParameterType.INTEGER, number(now.minLength()), number(now.maxLength()))
                        + (narrowed ? ": values accepted before are refused" : ""),
                name);
    }

    private void pattern(ParameterConstraints old, ParameterConstraints now, String name) {
        if (Objects.equals(old.pattern(), now.pattern())) {
            return;
        }
        boolean removed = now.pattern() == null;
        add(
                removed ? "pattern-removed" : "pattern-changed",
                removed ? Impact.COMPATIBLE : Impact.BREAKING,
                subject(name) + ": pattern " + shown(old.pattern()) + " becomes " + shown(now.pattern())
                        + (removed ? "" : ": values accepted before may be refused"),
                name);
    }

    private void enumValues(ParameterConstraints old, ParameterConstraints now, String name) {
        List<Object> before = old.enumValues() == null ? List.of() : old.enumValues();
        List<Object> after = now.enumValues() == null ? List.of() : now.enumValues();
        List<String> dropped = new ArrayList<>();
        for (Object value : before) {
            if (!after.contains(value)) {
                dropped.add(shown(value));
            }
        }
        List<String> added = new ArrayList<>();
        for (Object value : after) {
            if (!before.contains(value)) {
                added.add(shown(value));
            }
        }
        if (!dropped.isEmpty()) {
            add(
                    "enum-value-dropped",
                    Impact.BREAKING,
                    subject(name) + ": " + String.join(", ", dropped) + " no longer accepted: existing clusters"
                            + " created with " + (dropped.size() == 1 ? "it" : "one") + " keep it, and requests that"
                            + " give it are refused",
                    name);
        }
        if (!added.isEmpty()) {
            add(
                    "enum-value-added",
                    Impact.COMPATIBLE,
                    subject(name) + ": " + String.join(", ", added) + " now accepted",
                    name);
        }
    }

    /**
     * How a bound moved: positive when it narrows the values (a minimum raised or added, a maximum
     * lowered or added), negative when it widens them, 0 when it is the same.
     */
    private static int bound(@Nullable Number old, @Nullable Number now, boolean lower) {
        if (old == null && now == null) {
            return 0;
        }
        if (old == null) {
            return 1;
        }
        if (now == null) {
            return -1;
        }
        int order = decimal(now).compareTo(decimal(old));
        return lower ? order : -order;
    }

    private static BigDecimal decimal(Number number) {
        return new BigDecimal(number.toString());
    }

    private static @Nullable Number number(@Nullable Integer value) {
        return value;
    }

    private static String range(ParameterType type, @Nullable Number min, @Nullable Number max) {
        return (min == null ? "" : value(type, min)) + ".." + (max == null ? "" : value(type, max));
    }

    private static String value(ParameterType type, Number number) {
        Quantity.Dimension dimension = type.dimension();
        return dimension == null ? decimal(number).toPlainString() : Quantity.readable(number, dimension);
    }

    private static String shown(@Nullable Object value) {
        if (value == null) {
            return "(none)";
        }
        return value instanceof String text ? "\"" + text + "\"" : value.toString();
    }

    private void add(String code, Impact impact, String message, String name) {
        pair.add(code, impact, message, oldKey(name), newKey(name));
    }

    private String subject(String name) {
        return scope.modelKey() + " parameter `" + name + "`";
    }

    private String oldKey(String name) {
        return SourceMap.parameter(scope, name);
    }

    private String newKey(String name) {
        return oldKey(name);
    }

    private static Optional<ParameterModel> find(OfferingModel offering, ParameterScope scope, String name) {
        return offering.parameters(scope).stream()
                .filter(p -> p.name().equals(name))
                .findFirst();
    }
}
