package io.dedicate.bundle.parameters;

/**
 * One thing wrong with a request's parameters.
 *
 * @param path JSON path of the offending value: {@code $} for the parameters object itself, {@code
 *     $.max_connections} for one parameter ({@code $['cluster-org']} when the name is not an identifier)
 * @param message what is wrong, never containing a secret value: {@code must be at most 10000 (got 20000)}
 */
public record Violation(String path, String message) implements Comparable<Violation> {

    /** {@code path: message}, as the broker writes it in error responses. */
    @Override
    public String toString() {
        return path + ": " + message;
    }

    /** By path, then message: the order in which violations are reported. */
    @Override
    public int compareTo(Violation other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }
}
