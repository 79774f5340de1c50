package io.dedicate.broker.lifecycle;

import io.dedicate.broker.children.MysqlAdminEndpoint;
import io.dedicate.broker.children.MysqlChildDriver;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.DriverKind;
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
 * Cleans up after a broker that stopped in the middle of creating a child or a binding of the {@code mysql} driver.
 * Creating one stores it {@code creating} first (so that a concurrent cluster delete sees it), then works on the
 * cluster's MySQL, then marks it ready; a crash in between leaves the row {@code creating} forever, which keeps its
 * cluster from being deleted and makes the platform's orphan-mitigation delete fail.
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
    private static final DriverKind MYSQL = DriverKind.MYSQL;

    private final InstanceStore instances;
    private final ChildStore childStore;
    private final BindingStore bindings;
    private final ChildLifecycle children;
    private final MysqlChildDriver mysql;
    private final Clock clock;
    private final Duration grace;

    /**
     * A recovery that gives up children and bindings {@code creating} for longer than {@code grace}.
     *
     * @throws IllegalArgumentException if {@code grace} is not positive
     */
    public ChildRecovery(
            InstanceStore instances,
            ChildStore childStore,
            BindingStore bindings,
            ChildLifecycle children,
            MysqlChildDriver mysql,
            Clock clock,
            Duration grace) {
        this.instances = instances;
        this.childStore = childStore;
        this.bindings = bindings;
        this.children = children;
        this.mysql = mysql;
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
        for (InstanceRecord child : childStore.childrenCreatingBefore(before)) {
            if (!isMysql(child)) {
                continue;
            }
            try {
                Optional<MysqlAdminEndpoint> admin = liveCluster(child).map(children::clusterAdmin);
                if (admin.isPresent()) {
                    mysql.dropDatabase(admin.get(), MysqlChildDriver.databaseName(child.id()));
                }
                if (childStore.discardChild(child.id())) {
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
            if (child.isPresent() && !isMysql(child.get())) {
                continue;
            }
            try {
                Optional<MysqlAdminEndpoint> admin =
                        child.flatMap(this::liveCluster).map(children::clusterAdmin);
                if (admin.isPresent()) {
                    mysql.dropUser(admin.get(), binding.username());
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

    private boolean isMysql(InstanceRecord child) {
        return children.driverOf(child).map(Driver::name).filter(MYSQL::equals).isPresent();
    }

    /** The child's cluster unless it is gone (then its MySQL is gone too and there is nothing to drop). */
    private Optional<InstanceRecord> liveCluster(InstanceRecord child) {
        return Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .filter(cluster -> cluster.status() != InstanceStatus.DELETED);
    }

    static Duration requirePositive(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException(
                    "the grace period of children being created must be positive, got " + grace);
        }
        return grace;
    }
}
