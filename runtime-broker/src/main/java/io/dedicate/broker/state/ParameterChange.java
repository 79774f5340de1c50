package io.dedicate.broker.state;

import java.util.List;

/**
 * A change of a cluster's stored public parameters that needs no deployment (the sharing grants), computed inside
 * {@link InstanceStore#changeParametersAtOnce} while the cluster's row is locked, from the cluster and its live children
 * as they are then.
 */
@FunctionalInterface
public interface ParameterChange {

    /**
     * The cluster's new public parameters JSON, or throws to refuse (nothing changes).
     *
     * @param cluster the cluster as stored now, its row locked
     * @param liveChildren its children that are not deleted (also those being created), sorted by id
     */
    String apply(InstanceRecord cluster, List<InstanceRecord> liveChildren);
}
