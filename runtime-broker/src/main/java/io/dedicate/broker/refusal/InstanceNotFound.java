package io.dedicate.broker.refusal;

/** The instance does not exist (or is not visible yet): 404 with an OSB error body. */
public final class InstanceNotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InstanceNotFound(String message) {
        super(message);
    }
}
