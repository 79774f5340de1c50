package io.dedicate.broker.children;

import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Bind;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Unbind;
import io.dedicate.broker.cluster.OperationStatus.LastOperation;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a child plan's instances and bindings are made inside their cluster: what differs from one driver to another.
 * One implementation per driver ({@code MysqlChildren}, {@code DelegatedChildren}), chosen once per plan by {@link
 * ChildDrivers}; the driver-independent rules (OSB checks, the cluster's resolution, quotas and admission, the answer
 * to a repeated request, delete protection) stay in {@link ChildLifecycle} and {@link ChildBindings}, which call the
 * driver at fixed points.
 *
 * <p>A driver works on rows the lifecycle already stored: a child {@code creating} (stored under its cluster's lock),
 * a binding claimed {@code creating}. It marks them ready or deleted itself, and discards or abandons them when its
 * work fails, so that a refusal leaves nothing behind. {@code driver} arguments are the plan's driver settings.
 */
public interface ChildDriver {

    // ------------------------------------------------------------------ child instances

    /**
     * Begins a create: checks what this driver needs of the request's validated {@code parameters} (a 400 for what it
     * refuses), before the child's cluster is looked up.
     */
    Creation creation(Provision request, Driver driver, ValidatedParameters parameters);

    /** A create whose parameters the driver accepted, to be placed on the child's cluster. */
    @FunctionalInterface
    interface Creation {

        /**
         * Checks that {@code cluster} (ready, in the requester's reach) can host the child, before the child is stored
         * (a refusal leaves nothing behind), and returns what creates the child once it is stored.
         */
        Placed on(InstanceRecord cluster);
    }

    /** A create checked against its cluster, run once the child is stored {@code creating}. */
    @FunctionalInterface
    interface Placed {

        /**
         * Creates the stored {@code child}: 201 (ready) or 202 with an operation; on a refusal or a failure the child is
         * discarded and the answer thrown.
         */
        Accepted create(InstanceRecord child);
    }

    /** The answer to the same create again while the driver is still creating {@code child}, if it is (202 again). */
    Optional<Accepted> provisionInProgress(InstanceRecord child);

    /**
     * Deletes a child (not {@code deleted}) of {@code cluster} (its row, empty when it is gone): 200 once it is marked
     * deleted, or 202 with an operation; 410 if it was deleted meanwhile.
     */
    Accepted delete(Delete request, InstanceRecord child, Optional<InstanceRecord> cluster, Driver driver);

    // ------------------------------------------------------------------ bindings

    /**
     * Begins a bind of the ready {@code child}, whose binding does not exist yet: checks what this driver needs of the
     * validated {@code parameters} and of the child's cluster, before the binding is claimed.
     */
    BindingCreation binding(Bind request, InstanceRecord child, ValidatedParameters parameters, Driver driver);

    /**
     * A bind the driver accepted.
     *
     * @param username what the binding's row keeps as its user (the lifecycle claims the row with it)
     * @param create makes the binding once its row is claimed: 201 with its credentials (stored sealed), or 202 with
     *     an operation; on a refusal or a failure the binding is abandoned and the answer thrown
     */
    record BindingCreation(String username, Supplier<Bound> create) {}

    /** The operation still making a binding of {@code child} (202 again to the same bind), if there is one. */
    Optional<Bound> bindInProgress(InstanceRecord child, String bindingId);

    /**
     * Unbinds a ready {@code binding} of {@code child}: null (200) once it is marked deleted, or the id of an operation
     * to poll (202); 410 if it was deleted meanwhile.
     */
    @Nullable
    String unbind(Unbind request, BindingRecord binding, InstanceRecord child, Driver driver);

    // ------------------------------------------------------------------ operations

    /**
     * The {@code last_operation} of an asynchronous operation of this driver on an instance (its latest when {@code
     * operationId} is null); empty when it has none such (the caller answers as for any other instance). A driver that
     * works synchronously has none: the default.
     */
    default Optional<LastOperation> lastOperation(String instanceId, @Nullable String operationId) {
        return Optional.empty();
    }

    /** The {@code last_operation} of an asynchronous operation of this driver on a binding, like {@link #lastOperation}. */
    default Optional<LastOperation> bindingLastOperation(
            String instanceId, String bindingId, @Nullable String operationId) {
        return Optional.empty();
    }

    /** What this driver is still doing to a child, for its cluster's dashboard; empty when nothing is in progress. */
    default Optional<String> operationInProgress(String instanceId) {
        return Optional.empty();
    }

    // ------------------------------------------------------------------ stuck creates

    /**
     * How this driver's children and bindings left {@code creating} past the grace period by a stopped broker are
     * cleaned up before the broker gives them up ({@link ChildRecovery}; such a child may then be deleted); empty when
     * the driver ends them itself (its operations have deadlines), and they are left alone.
     */
    Optional<StuckRecovery> stuckRecovery();

    /** Drops what a create stuck {@code creating} may have made on its (live) cluster; both idempotent. */
    interface StuckRecovery {

        /** Drops what may exist of the child on {@code cluster}. */
        void dropChild(InstanceRecord child, InstanceRecord cluster);

        /** Drops what may exist of the binding on {@code cluster}. */
        void dropBinding(BindingRecord binding, InstanceRecord cluster);
    }
}
