package io.dedicate.broker.refusal;

import org.jspecify.annotations.Nullable;

/**
 * A refusal with the exact OSB status (and error code, if the specification names one) that no
 * framework exception carries, such as 422 for binding a cluster instance.
 */
public final class OsbRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String error;

    public OsbRefusal(int status, @Nullable String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public @Nullable String error() {
        return error;
    }
}
