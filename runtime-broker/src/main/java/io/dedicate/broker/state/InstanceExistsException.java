package io.dedicate.broker.state;

/** A service instance with this id is already stored (in any status, deleted ones included). */
public final class InstanceExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String instanceId;

    /** For the instance id that is already taken. */
    public InstanceExistsException(String instanceId) {
        super("service instance '" + instanceId + "' already exists");
        this.instanceId = instanceId;
    }

    /** The id that is already taken. */
    public String instanceId() {
        return instanceId;
    }
}
