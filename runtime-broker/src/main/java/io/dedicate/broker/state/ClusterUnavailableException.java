package io.dedicate.broker.state;

/** A child cannot be created in a cluster that is not ready (still being created, failed, being deleted). */
public final class ClusterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String clusterId;
    private final InstanceStatus status;

    /** For {@code clusterId}, found in {@code status} while its row was locked. */
    public ClusterUnavailableException(String clusterId, InstanceStatus status) {
        super("cluster '" + clusterId + "' is " + status.wire());
        this.clusterId = clusterId;
        this.status = status;
    }

    /** The cluster the child was to be created in. */
    public String clusterId() {
        return clusterId;
    }

    /** The cluster's status when the child's creation was refused. */
    public InstanceStatus status() {
        return status;
    }
}
