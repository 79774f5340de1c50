package io.dedicate.broker.state;

/**
 * Another operation is still running on the instance; OSB answers {@code 422 ConcurrencyError}. One operation at a time
 * keeps the git folder, the pipeline and the stored targets in step.
 */
public final class OperationInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String instanceId;
    private final String activeOperationId;

    /** For the instance and the operation that is running on it. */
    public OperationInProgressException(String instanceId, String activeOperationId) {
        super("service instance '" + instanceId + "' has operation " + activeOperationId
                + " in progress; retry when it has finished");
        this.instanceId = instanceId;
        this.activeOperationId = activeOperationId;
    }

    /** The instance the operation was refused on. */
    public String instanceId() {
        return instanceId;
    }

    /** The operation that is running on the instance. */
    public String activeOperationId() {
        return activeOperationId;
    }
}
