package io.dedicate.broker.drivers;

import io.dedicate.broker.children.ChildDrivers;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.model.DriverSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic quota sweep of the {@code mysql} driver: for every ready cluster that has ready children whose plan sets
 * a {@code quota} (bytes), measures their databases and restricts or restores their users' writes, through {@link
 * MysqlQuotaEnforcer} on the cluster's admin endpoint (one connection per cluster). A cluster that cannot be reached is
 * logged and skipped until the next pass.
 */
public final class MysqlQuotaSweep {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlQuotaSweep.class);

    private final InstanceStore instances;
    private final ChildStore childStore;
    private final ChildDrivers drivers;
    private final MysqlChildren mysql;
    private final MysqlQuotaEnforcer enforcer;

    /** Sweeps the children that {@code drivers} give to {@code mysql}. */
    public MysqlQuotaSweep(
            InstanceStore instances,
            ChildStore childStore,
            ChildDrivers drivers,
            MysqlChildren mysql,
            MysqlQuotaEnforcer enforcer) {
        this.instances = instances;
        this.childStore = childStore;
        this.drivers = drivers;
        this.mysql = mysql;
        this.enforcer = enforcer;
    }

    /** One pass over every cluster; returns what it found, cluster by cluster, database by database. */
    public List<QuotaCheck> runOnce() {
        Map<String, Map<String, Long>> quotasByCluster = new TreeMap<>();
        for (InstanceRecord child : childStore.readyChildren()) {
            String cluster = child.clusterId();
            Optional<Long> quota = quota(child);
            if (cluster != null && quota.isPresent()) {
                quotasByCluster
                        .computeIfAbsent(cluster, id -> new TreeMap<>())
                        .put(MysqlChildren.databaseName(child), quota.get());
            }
        }
        List<QuotaCheck> checks = new ArrayList<>();
        quotasByCluster.forEach((clusterId, quotas) -> {
            Optional<InstanceRecord> cluster =
                    instances.findInstance(clusterId).filter(found -> found.status() == InstanceStatus.READY);
            if (cluster.isEmpty()) {
                return;
            }
            try {
                for (QuotaCheck check : enforcer.enforce(mysql.adminEndpoint(cluster.get()), quotas)) {
                    checks.add(check);
                    if (!check.revokedFrom().isEmpty()) {
                        LOG.info(
                                "quota: database {} of cluster {} uses {} bytes of its {}: INSERT, UPDATE and CREATE"
                                        + " revoked from {}",
                                check.database(),
                                clusterId,
                                check.usedBytes(),
                                check.quotaBytes(),
                                check.revokedFrom());
                    }
                    if (!check.restoredTo().isEmpty()) {
                        LOG.info(
                                "quota: database {} of cluster {} is back under its quota ({} of {} bytes): writes"
                                        + " restored to {}",
                                check.database(),
                                clusterId,
                                check.usedBytes(),
                                check.quotaBytes(),
                                check.restoredTo());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("quota: cluster {} could not be swept, will retry: {}", clusterId, e.getMessage());
            }
        });
        return List.copyOf(checks);
    }

    /** The quota of a child of the {@code mysql} driver whose plan sets one. */
    private Optional<Long> quota(InstanceRecord child) {
        return drivers.find(child)
                .filter(chosen -> chosen.driver() == mysql)
                .flatMap(chosen -> chosen.declared().settings().bytes(DriverSetting.QUOTA))
                .filter(bytes -> bytes > 0);
    }
}
