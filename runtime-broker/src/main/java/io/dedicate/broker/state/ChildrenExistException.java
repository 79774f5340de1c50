package io.dedicate.broker.state;

import java.util.List;

/** A cluster cannot be deleted: it still has children (databases inside it, also those still being created). */
public final class ChildrenExistException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String clusterId;
    private final List<String> children;

    /** For {@code clusterId} and the IDs of its live children, sorted. */
    public ChildrenExistException(String clusterId, List<String> children) {
        super("cluster '" + clusterId + "' has live children " + children);
        this.clusterId = clusterId;
        this.children = List.copyOf(children);
    }

    /** The cluster that was to be deleted. */
    public String clusterId() {
        return clusterId;
    }

    /** The IDs of its live children, sorted. */
    public List<String> children() {
        return children;
    }
}
