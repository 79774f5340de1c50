package io.dedicate.broker.state;

/** The service instance does not exist, or is deleted: no operation can start on it. */
public final class InstanceGoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String instanceId;

    /** For the instance id that is absent or deleted. */
    public InstanceGoneException(String instanceId) {
        super("service instance '" + instanceId + "' does not exist or is deleted");
        this.instanceId = instanceId;
    }

    /** The id that is absent or deleted. */
    public String instanceId() {
        return instanceId;
    }
}
