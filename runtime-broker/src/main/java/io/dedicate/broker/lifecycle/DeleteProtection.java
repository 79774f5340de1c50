package io.dedicate.broker.lifecycle;

import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.StateStore;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * Refuses to delete a cluster that still has children (databases inside it, including those still
 * being created), with the message Cloud Foundry users know from the seed. This check reads the
 * state store; making it race-free against children created concurrently (a lock on the cluster
 * row) comes with the child plans.
 */
public final class DeleteProtection {

    private final StateStore store;

    public DeleteProtection(StateStore store) {
        this.store = store;
    }

    /**
     * Passes if {@code cluster} has no live children.
     *
     * @throws ServiceBrokerInvalidParametersException (400) if the cluster has live children
     */
    public void check(InstanceRecord cluster) {
        List<String> children = store.liveChildren(cluster.id());
        if (!children.isEmpty()) {
            throw new ServiceBrokerInvalidParametersException(
                    "can not delete cluster service instance with child service instances ("
                            + children.stream().map(id -> "guid=" + id).collect(Collectors.joining(", "))
                            + "). Use dashboard to list all child service instance details.");
        }
    }
}
