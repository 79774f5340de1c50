package io.dedicate.cli;

/** How {@code --format} prints diagnostics. */
public enum DiagnosticFormat {
    /** The one-line form, the source line with carets, and the hint. */
    human,
    /** A JSON array, one object per diagnostic. */
    json,
    /** A SARIF 2.1.0 log (one run), for code-review tools; file URIs relative to the checked directory. */
    sarif
}
