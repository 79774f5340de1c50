package io.dedicate.broker.drivers;

import org.jspecify.annotations.Nullable;

/**
 * A cluster's own broker refused a request with an answer the platform can act on (400, 409, 410 or 422): the status,
 * the OSB error code if it sent one, and its description, to be passed on to the platform.
 */
public final class ClusterBrokerRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String error;
    private final String description;

    /** The refusal as the cluster broker answered it. */
    public ClusterBrokerRefusal(int status, @Nullable String error, String description) {
        super("the cluster broker answered " + status + ": " + description);
        this.status = status;
        this.error = error;
        this.description = description;
    }

    /** The HTTP status the cluster broker answered. */
    public int status() {
        return status;
    }

    /** The OSB error code it sent ({@code AsyncRequired}, {@code ConcurrencyError}...), if any. */
    public @Nullable String error() {
        return error;
    }

    /** Its description, or a short text saying it sent none. */
    public String description() {
        return description;
    }
}
