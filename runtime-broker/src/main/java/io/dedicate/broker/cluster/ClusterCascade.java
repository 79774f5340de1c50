package io.dedicate.broker.cluster;

import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.PlanModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The update cascade as a child's {@code GET /v2/service_instances/:id} shows it: a child lives on its cluster, so an
 * accepted cluster update (plan change, parameters), upgrade or recreate applies to it too.
 *
 * <p>Which children an operation affects is recorded when the operation starts ({@link
 * OperationStore#affectedChildren(String)}: the cluster's live children at that moment). A child's GET then adds these
 * keys to its {@code parameters} (an object whose content OSB leaves to the broker; the child's own {@code plan_id}
 * stays its child plan):
 *
 * <ul>
 *   <li>{@code cluster}: the cluster's instance name as the platform last sent it (its GUID when it never sent one),
 *       in place of the name or GUID the child was created with, so a rename shows;
 *   <li>{@code cluster_id}: the cluster's instance GUID;
 *   <li>{@code cluster_plan}: the name of the plan the cluster runs now. It changes when a plan change succeeds, never
 *       while it runs: the target plan is {@code cluster_update.plan} meanwhile;
 *   <li>{@code cluster_update}, only when a cluster operation affected the child (absent otherwise, e.g. for a child
 *       created after the cluster's last update): the latest such operation, as {@code {"operation": ID, "kind":
 *       "update"|"upgrade"|"recreate", "state": "pending"|"updated"|"failed", "plan": TARGET_PLAN_NAME}}: {@code
 *       pending} while the operation runs, {@code updated} once it succeeded, {@code failed} once it failed or timed
 *       out (the child then runs on the cluster as it was before).
 * </ul>
 */
public final class ClusterCascade {

    /** The operation that affected the child is still running. */
    public static final String PENDING = "pending";

    /** The operation that affected the child succeeded: the child runs on the updated cluster. */
    public static final String UPDATED = "updated";

    /** The operation that affected the child failed: the child runs on the cluster as it was. */
    public static final String FAILED = "failed";

    private final LoadedBundle bundle;
    private final InstanceStore instances;
    private final OperationStore operations;

    /** Reads the cascade from {@code instances} and {@code operations}; plan names come from {@code bundle}. */
    public ClusterCascade(LoadedBundle bundle, InstanceStore instances, OperationStore operations) {
        this.bundle = bundle;
        this.instances = instances;
        this.operations = operations;
    }

    /**
     * The keys a child's GET adds to its parameters (see the class comment), in a fixed order; empty for an instance
     * that has no cluster.
     */
    public Map<String, Object> childParameters(InstanceRecord child) {
        String clusterId = child.clusterId();
        if (clusterId == null) {
            return Map.of();
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        Optional<InstanceRecord> cluster = instances.findInstance(clusterId);
        String name = cluster.map(InstanceRecord::instanceName).orElse(null);
        keys.put("cluster", name == null || name.isEmpty() ? clusterId : name);
        keys.put("cluster_id", clusterId);
        cluster.ifPresent(found -> keys.put("cluster_plan", planName(found.serviceId(), found.planId())));
        operations
                .latestOperationAffecting(child.id())
                .ifPresent(operation -> keys.put("cluster_update", marker(child.serviceId(), operation)));
        return Collections.unmodifiableMap(keys);
    }

    /** What {@code cluster_update.state} says for an operation's state. */
    public static String state(OperationState state) {
        return switch (state) {
            case IN_PROGRESS -> PENDING;
            case SUCCEEDED -> UPDATED;
            case FAILED -> FAILED;
        };
    }

    private Map<String, Object> marker(String serviceId, OperationRecord operation) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("operation", operation.id());
        marker.put("kind", operation.kind().wire());
        marker.put("state", state(operation.state()));
        marker.put("plan", planName(serviceId, operation.targetPlanId()));
        return Collections.unmodifiableMap(marker);
    }

    private String planName(String serviceId, String planId) {
        return bundle.plan(serviceId, planId).map(PlanModel::name).orElse(planId);
    }
}
