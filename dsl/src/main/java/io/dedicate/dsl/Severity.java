package io.dedicate.dsl;

/** How bad a diagnostic is. Only {@link #ERROR} makes a compilation fail. */
public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case word used in rendered diagnostics: {@code error}, {@code warning}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
