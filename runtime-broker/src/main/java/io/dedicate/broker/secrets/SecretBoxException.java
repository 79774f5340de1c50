package io.dedicate.broker.secrets;

/** A secret cannot be sealed or opened: bad key, bad key file, or a sealed value that does not open. */
public final class SecretBoxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message saying what is wrong and where. */
    public SecretBoxException(String message) {
        super(message);
    }

    /** With a message saying what is wrong and where, and the underlying cause. */
    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
