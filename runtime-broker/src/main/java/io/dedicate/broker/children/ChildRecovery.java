package io.dedicate.broker.children;

import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after a broker that stopped in the middle of creating a child or a binding of a driver that gives such
 * creates up ({@link ChildDriver#stuckRecovery}: the {@code mysql} driver). Creating one stores it {@code creating}
 * first (so that a concurrent cluster delete sees it), then works on the cluster's MySQL, then marks it ready; a crash
 * in between leaves the row {@code creating} forever, which keeps its cluster from being deleted and makes the
 * platform's orphan-mitigation delete fail.
 *
 * <p>A pass takes the children and bindings {@code creating} for longer than the grace period (no request still works
 * on them: the driver's statements time out well before), drops what may exist of them on the cluster (the database
 * with its users, or the binding's user; both idempotent) and then gives the row up: the child's row is removed (the
 * platform may create it again with the same id), the binding becomes deleted. Children of other drivers ({@code
 * delegate}) are left alone: their driver owns their recovery. A row whose cluster cannot be reached stays as it is
 * and is tried again by the next pass. Safe with several replicas: drops are idempotent and the store's changes are
 * compare-and-set.
 */
public final class ChildRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ChildRecovery.class);

    private final InstanceStore instances;
    private final ChildStore children;
    private final BindingStore bindings;
    private final ChildDrivers drivers;
    private final Clock clock;
    private final Duration grace;

    /**
     * A recovery that gives up children and bindings {@code creating} for longer than {@code grace}.
     *
     * @throws IllegalArgumentException if {@code grace} is not positive
     */
    public ChildRecovery(
            InstanceStore instances,
            ChildStore children,
            BindingStore bindings,
            ChildDrivers drivers,
            Clock clock,
            Duration grace) {
        this.instances = instances;
        this.children = children;
        this.bindings = bindings;
        this.drivers = drivers;
        this.clock = clock;
        this.grace = requirePositive(grace);
    }

    /**
     * What one pass gave up.
     *
     * @param children the IDs of the children whose rows were removed, oldest first
     * @param bindings the IDs of the bindings abandoned, oldest first
     */
    public record Recovered(List<String> children, List<String> bindings) {

        /** Copies the lists. */
        public Recovered {
            children = List.copyOf(children);
            bindings = List.copyOf(bindings);
        }
    }

    /** One pass over the children and bindings stuck {@code creating}; failures of one row are logged and skipped. */
    public Recovered runOnce() {
        Instant before = clock.instant().minus(grace);
        List<String> discarded = new ArrayList<>();
        for (InstanceRecord child : children.childrenCreatingBefore(before)) {
            Optional<ChildDriver.StuckRecovery> driver = stuckRecovery(child);
            if (driver.isEmpty()) {
                continue;
            }
            try {
                Optional<InstanceRecord> cluster = liveCluster(child);
                if (cluster.isPresent()) {
                    driver.get().dropChild(child, cluster.get());
                }
                if (children.discardChild(child.id())) {
                    discarded.add(child.id());
                    LOG.info(
                            "recovery: child {} was still being created after {}: its database is dropped and the"
                                    + " platform may create it again",
                            child.id(),
                            grace);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "recovery: child {} stuck creating could not be cleaned up, will retry: {}",
                        child.id(),
                        e.getMessage());
            }
        }
        List<String> abandoned = new ArrayList<>();
        for (BindingRecord binding : bindings.bindingsCreatingBefore(before)) {
            Optional<InstanceRecord> child = instances.findInstance(binding.instanceId());
            Optional<ChildDriver.StuckRecovery> driver = child.flatMap(this::stuckRecovery);
            if (child.isPresent() && driver.isEmpty()) {
                continue;
            }
            try {
                Optional<InstanceRecord> cluster = child.flatMap(this::liveCluster);
                if (driver.isPresent() && cluster.isPresent()) {
                    driver.get().dropBinding(binding, cluster.get());
                }
                if (bindings.abandonBinding(binding.id())) {
                    abandoned.add(binding.id());
                    LOG.info(
                            "recovery: binding {} was still being created after {}: its user is dropped and the"
                                    + " binding given up",
                            binding.id(),
                            grace);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "recovery: binding {} stuck creating could not be cleaned up, will retry: {}",
                        binding.id(),
                        e.getMessage());
            }
        }
        return new Recovered(discarded, abandoned);
    }

    /** How the child's driver cleans up its stuck creates; empty when it ends them itself or is unknown. */
    private Optional<ChildDriver.StuckRecovery> stuckRecovery(InstanceRecord child) {
        return drivers.find(child).flatMap(chosen -> chosen.driver().stuckRecovery());
    }

    /** The child's cluster unless it is gone (then its MySQL is gone too and there is nothing to drop). */
    private Optional<InstanceRecord> liveCluster(InstanceRecord child) {
        return Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .filter(cluster -> cluster.status() != InstanceStatus.DELETED);
    }

    public static Duration requirePositive(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException(
                    "the grace period of children being created must be positive, got " + grace);
        }
        return grace;
    }
}
