package io.dedicate.broker.state;

/**
 * The last word on a child's creation, said inside {@link ChildStore#createChild(InstanceRecord, ChildAdmission)}
 * while the cluster's row is locked: whether the requester may still use the cluster (its grants as they are now) and
 * whether the cluster has room for one more child. A grant change or another child create waits for the lock, so
 * what is admitted here stays true until the child is stored.
 */
@FunctionalInterface
public interface ChildAdmission {

    /**
     * Passes, or throws to refuse (nothing is stored; the exception reaches the caller as it is).
     *
     * @param cluster the cluster as stored now, its row locked
     * @param liveChildren how many children it has that are not deleted (also those being created)
     */
    void admit(InstanceRecord cluster, long liveChildren);
}
