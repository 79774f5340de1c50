package io.dedicate.compiler.model;

/** When an errand runs or a hook (de)registers: {@code after deploy}, {@code before delete}, ... */
public record Trigger(When when, Operation operation) {

    public enum When {
        AFTER,
        BEFORE
    }

    /** Lowercase, as in the language: {@code after deploy}. */
    @Override
    public String toString() {
        return when.name().toLowerCase(java.util.Locale.ROOT) + " " + operation.label();
    }
}
