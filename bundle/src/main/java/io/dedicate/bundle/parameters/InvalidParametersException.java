package io.dedicate.bundle.parameters;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request's parameters break the plan's rules. Carries every violation, sorted by path, so that a
 * user fixes all their mistakes at once; the message lists them all, for example {@code invalid
 * parameters: $.foo: is not a parameter of plan cluster-small (known: audit_log, ...);
 * $.max_connections: must be at most 10000 (got 20000)}. The broker answers it with a 400.
 */
public final class InvalidParametersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable List.copyOf of records
    private final List<Violation> violations;

    public InvalidParametersException(List<Violation> violations) {
        super(message(violations));
        this.violations = violations.stream().sorted().toList();
    }

    /** Every violation, sorted by path then message. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        return "invalid parameters: "
                + violations.stream().sorted().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
