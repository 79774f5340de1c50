package io.dedicate.broker.cluster;

import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.Placement;
import io.dedicate.bundle.model.OfferingModel;
import java.util.Objects;

/**
 * The refusals of the offering's quotas ({@code limits}: {@code clusters_per_org}, {@code children_per_cluster}),
 * counted by the state store under a lock. 422: the request is well-formed, the broker cannot do it now; OSB 2.17
 * lists 422 among the answers of a provision, and the description tells the user what to do.
 */
final class Quotas {

    private Quotas() {}

    /** The org already has {@code count} live clusters of the offering, its limit. */
    static OsbRefusal clustersRefusal(OfferingModel offering, Placement placement, long count, int limit) {
        String org = Objects.requireNonNullElse(placement.orgName(), placement.orgGuid());
        return new OsbRefusal(
                422,
                null,
                "org " + org + " already has " + count + " " + offering.name() + " clusters (the limit is " + limit
                        + " per org): delete one with cf delete-service, or ask the platform operators to raise"
                        + " the offering's clusters_per_org limit");
    }

    /** The cluster already has {@code count} live children, the offering's limit. */
    static OsbRefusal childrenRefusal(OfferingModel offering, InstanceRecord cluster, long count, int limit) {
        String name = Objects.requireNonNullElse(cluster.instanceName(), cluster.id());
        return new OsbRefusal(
                422,
                null,
                "cluster " + name + " already has " + count + " databases (the limit is " + limit + " per "
                        + offering.name() + " cluster): delete one, or create the database in another cluster");
    }
}
