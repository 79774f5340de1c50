package io.dedicate.broker.drivers;

import org.jspecify.annotations.Nullable;

/**
 * A child driver could not do what was asked inside a cluster: the message names the endpoint ({@code host:port}) and
 * what failed, and never contains a password.
 */
public final class ChildDriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the endpoint and what failed. */
    public ChildDriverException(String message) {
        super(message);
    }

    /** With a message naming the endpoint and what failed, and the underlying cause (itself free of passwords). */
    public ChildDriverException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
