package io.dedicate.bundle.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When an errand runs or a hook (de)registers: {@code after deploy}, {@code before delete}, ... */
public record Trigger(When when, ClusterOperation operation) {

    /** Before or after the operation. */
    public enum When {
        AFTER,
        BEFORE
    }

    /** Reads {@code after deploy}; empty for anything else. */
    public static Optional<Trigger> parse(String text) {
        int space = text.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String when = text.substring(0, space);
        String operation = text.substring(space + 1);
        return Arrays.stream(When.values())
                .filter(w -> w.name().toLowerCase(Locale.ROOT).equals(when))
                .findFirst()
                .flatMap(w -> Arrays.stream(ClusterOperation.values())
                        .filter(o -> o.modelKey().equals(operation))
                        .findFirst()
                        .map(o -> new Trigger(w, o)));
    }

    /** As model.json writes it: {@code after deploy}. */
    @Override
    public String toString() {
        return when.name().toLowerCase(Locale.ROOT) + " " + operation.modelKey();
    }
}
