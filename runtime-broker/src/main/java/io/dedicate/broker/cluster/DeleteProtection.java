package io.dedicate.broker.cluster;

import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.OperationStore;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses to delete a cluster that still has children (databases inside it, including those still
 * being created), with the message Cloud Foundry users know from the seed. This check reads the
 * state store first (a quick refusal); the state store checks again inside the transaction that
 * claims the cluster row for the delete ({@link OperationStore#startOperation}), which child creation
 * locks too, so no child created concurrently slips through.
 */
public final class DeleteProtection {

    private final ChildStore children;

    public DeleteProtection(ChildStore children) {
        this.children = children;
    }

    /**
     * Passes if {@code cluster} has no live children.
     *
     * @throws OsbRefusal (400, the seed's message exactly, no prefix) if the cluster has live children
     */
    public void check(InstanceRecord cluster) {
        List<String> children = this.children.liveChildren(cluster.id());
        if (!children.isEmpty()) {
            throw refusal(children);
        }
    }

    /** The seed's refusal listing {@code children}, the IDs of a cluster's live children. */
    public static OsbRefusal refusal(List<String> children) {
        return new OsbRefusal(
                400,
                null,
                "can not delete cluster service instance with child service instances ("
                        + children.stream().map(id -> "guid=" + id).collect(Collectors.joining(", "))
                        + "). Use dashboard to list all child service instance details.");
    }
}
