package io.dedicate.compiler.model;

/**
 * What the broker enforces about who uses a cluster and how many there may be.
 *
 * @param sharing whether children may come from other spaces or orgs than the cluster's
 * @param limits quotas of clusters per org and children per cluster
 */
public record BrokerPolicy(Sharing sharing, Limits limits) {

    /** No sharing, no limits. */
    public static final BrokerPolicy NONE = new BrokerPolicy(Sharing.NONE, Limits.NONE);
}
