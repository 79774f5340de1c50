package io.dedicate.broker.children;

import io.dedicate.broker.cluster.CatalogLookup;
import io.dedicate.broker.cluster.ClusterLifecycle;
import io.dedicate.broker.cluster.ClusterSharing;
import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Update;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.cluster.OperationStatus;
import io.dedicate.broker.cluster.RequestDigest;
import io.dedicate.broker.cluster.StateJson;
import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.ClusterUnavailableException;
import io.dedicate.broker.state.InstanceExistsException;
import io.dedicate.broker.state.InstanceGoneException;
import io.dedicate.broker.state.InstanceKind;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceSettings;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.Placement;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerMaintenanceInfoConflictException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceExistsException;

/**
 * The life of child instances (databases inside a dedicated cluster), synchronous unless their driver answers 202: no
 * pipeline runs and nothing is committed to git; the plan's driver ({@link ChildDriver}, chosen by {@link
 * ChildDrivers}) does the work on the cluster. Their bindings: {@link ChildBindings}.
 *
 * <p>A child names its cluster with the {@code cluster} parameter: the cluster's instance name in the requester's
 * space, or its instance GUID; with {@code cluster-org} / {@code cluster-space}, a cluster of another space that
 * shares it ({@link ClusterSharing}). The offering's {@code children_per_cluster} quota is counted under the cluster
 * row's lock. The child is stored (status {@code creating}) in the transaction that locks the
 * cluster's row, before the driver runs, so a cluster delete accepted concurrently cannot miss it (see {@link
 * ChildStore#createChild}); if the driver fails, the row is removed again and the platform may retry.
 *
 * <p>Drivers: {@code mysql} ({@code MysqlChildren}: one database per child, one user per binding, on the cluster's
 * admin endpoint). {@code delegate} ({@code DelegatedChildren}: the cluster's own OSB broker does the work; refused
 * when none is configured).
 */
public final class ChildLifecycle {

    /** The built-in parameter naming the child's cluster. */
    static final String CLUSTER = BuiltInParameter.CLUSTER.parameterName();

    private final LoadedBundle bundle;
    private final ParameterValidator validator;
    private final InstanceStore instances;
    private final ChildStore children;
    private final SecretBox secrets;
    private final OperationLinks links;
    private final Clock clock;
    private final ChildDrivers drivers;
    private final Duration creatingGrace;
    private final ClusterSharing sharing;

    /**
     * A child lifecycle whose plans' drivers are chosen by {@code drivers}. A child stuck {@code creating} for longer
     * than {@code creatingGrace} (a broker stopped while creating it) may be deleted when its driver gives such
     * creates up ({@link ChildDriver#stuckRecovery}): the platform's orphan mitigation then succeeds instead of a 422.
     */
    public ChildLifecycle(
            LoadedBundle bundle,
            ParameterValidator validator,
            InstanceStore instances,
            ChildStore children,
            SecretBox secrets,
            OperationLinks links,
            Clock clock,
            ChildDrivers drivers,
            Duration creatingGrace) {
        this.bundle = bundle;
        this.validator = validator;
        this.instances = instances;
        this.children = children;
        this.secrets = secrets;
        this.links = links;
        this.clock = clock;
        this.drivers = drivers;
        this.creatingGrace = ChildRecovery.requirePositive(creatingGrace);
        this.sharing = new ClusterSharing(instances, validator);
    }

    /** Whether {@code planId} of {@code serviceId} is a child plan (unknown services and plans are not). */
    public boolean isChildPlan(String serviceId, String planId) {
        return bundle.offering(serviceId)
                .flatMap(offering -> offering.plan(planId))
                .map(plan -> !plan.isCluster())
                .orElse(false);
    }

    /** Whether the stored instance {@code instanceId} is a child (absent instances are not). */
    public boolean isChild(String instanceId) {
        return instances
                .findInstance(instanceId)
                .map(instance -> instance.kind() == InstanceKind.CHILD)
                .orElse(false);
    }

    // ------------------------------------------------------------------ provision

    /**
     * Creates a child in its cluster: 201 at once (202 when its driver works asynchronously), or 200 for the same
     * request again.
     */
    public Accepted provision(Provision request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        Placement placement = request.placement();
        PathSegments.require("organization guid", placement.orgGuid());
        PathSegments.require("space guid", placement.spaceGuid());
        OfferingModel offering = offering(request.serviceId());
        PlanModel plan = plan(offering, request.planId());
        if (plan.isCluster()) {
            throw new IllegalArgumentException("plan " + plan.name() + " is a cluster plan");
        }
        String digest = RequestDigest.of(request);
        Optional<InstanceRecord> existing = instances.findInstance(instanceId);
        if (existing.isPresent()) {
            return sameCreateAgain(existing.get(), digest);
        }
        ValidatedParameters parameters = validator.childCreate(offering, plan, request.parameters());
        ChildDrivers.Chosen chosen = drivers.forPlan(plan);
        ChildDriver.Creation creation = chosen.driver().creation(request, chosen.declared(), parameters);
        boolean otherSpace = ClusterSharing.namesOtherSpace(placement, parameters.values());
        InstanceRecord cluster = otherSpace
                ? sharing.otherSpaceCluster(offering, placement, parameters.values(), request.requester())
                : cluster(offering, placement, parameters.values());
        requireReady(cluster, cluster.status());
        ChildDriver.Placed placed = creation.on(cluster);
        Instant now = clock.instant();
        InstanceSettings settings = new InstanceSettings(
                plan.id(),
                StateJson.write(parameters.publicValues()),
                parameters.secretValues().isEmpty()
                        ? null
                        : secrets.seal(
                                StateJson.write(parameters.secretValues()),
                                ClusterLifecycle.parametersContext(instanceId)),
                null);
        InstanceRecord child =
                InstanceRecord.newChild(instanceId, offering.id(), cluster.id(), placement, settings, digest, now);
        try {
            children.createChild(child, sharing.admission(offering, placement, request.requester(), otherSpace));
        } catch (InstanceExistsException raced) {
            return sameCreateAgain(instances.findInstance(instanceId).orElseThrow(() -> raced), digest);
        } catch (ClusterUnavailableException e) {
            requireReady(cluster, e.status());
        } catch (InstanceGoneException e) {
            throw new ServiceBrokerInvalidParametersException(
                    "cluster " + clusterName(cluster) + " was deleted: create the database in another cluster");
        }
        return placed.create(child);
    }

    private Accepted sameCreateAgain(InstanceRecord existing, String digest) {
        if (!existing.requestDigest().equals(digest)) {
            throw new ServiceInstanceExistsException(
                    "service instance " + existing.id()
                            + " already exists with other attributes (service, plan, space or parameters)",
                    existing.serviceId());
        }
        if (existing.status() == InstanceStatus.READY) {
            String cluster = existing.clusterId();
            return new Accepted(null, cluster == null ? null : links.dashboardUrl(cluster), true);
        }
        Optional<Accepted> driverPending =
                drivers.find(existing).flatMap(chosen -> chosen.driver().provisionInProgress(existing));
        if (driverPending.isPresent()) {
            return driverPending.get();
        }
        if (existing.status() == InstanceStatus.CREATING) {
            throw new ServiceBrokerConcurrencyException(
                    "service instance " + existing.id() + " is being created by another request: try again shortly");
        }
        throw new ServiceInstanceExistsException(
                "service instance " + existing.id() + " already exists and is "
                        + existing.status().wire() + ": delete it before creating it again",
                existing.serviceId());
    }

    /**
     * The cluster the child's parameters name, in the requester's space; a 400 when there is none (a cluster of
     * another space: {@link ClusterSharing#otherSpaceCluster}).
     */
    private InstanceRecord cluster(OfferingModel offering, Placement placement, Map<String, Object> parameters) {
        String name = String.valueOf(parameters.get(CLUSTER));
        String where = placement.spaceName() == null ? "this space" : "space " + placement.spaceName();
        InstanceRecord cluster = instances
                .findClusterByName(placement.spaceGuid(), name)
                .or(() -> instances
                        .findInstance(name)
                        .filter(found -> found.kind() == InstanceKind.CLUSTER
                                && found.status() != InstanceStatus.DELETED
                                && found.spaceGuid().equals(placement.spaceGuid())))
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException("no cluster named " + name + " in "
                        + where + ": create one first (cf create-service " + offering.name() + " "
                        + clusterPlans(offering) + " " + name + ") or check the name with cf services"));
        if (!cluster.serviceId().equals(offering.id())) {
            String other = bundle.offering(cluster.serviceId())
                    .map(OfferingModel::name)
                    .orElse(cluster.serviceId());
            throw new ServiceBrokerInvalidParametersException("cluster " + name + " is a " + other + " cluster, not a "
                    + offering.name() + " one: name a " + offering.name() + " cluster");
        }
        return cluster;
    }

    private static String clusterPlans(OfferingModel offering) {
        return offering.plans().stream()
                .filter(PlanModel::isCluster)
                .map(PlanModel::name)
                .reduce((a, b) -> a + "|" + b)
                .orElse("CLUSTER-PLAN");
    }

    private static void requireReady(InstanceRecord cluster, InstanceStatus status) {
        String name = clusterName(cluster);
        switch (status) {
            case READY -> {}
            case CREATING ->
                throw new ServiceBrokerInvalidParametersException("cluster " + name
                        + " is still being created: wait until `cf service " + name
                        + "` says create succeeded, then create the database again");
            case CREATE_FAILED ->
                throw new ServiceBrokerInvalidParametersException("cluster " + name
                        + " failed to be created: delete it, create it again, then create the database");
            case DELETING, DELETED ->
                throw new ServiceBrokerInvalidParametersException(
                        "cluster " + name + " is being deleted: create the database in another cluster");
        }
    }

    // ------------------------------------------------------------------ delete

    /**
     * Deletes a child through its driver (the {@code mysql} driver drops its database with its bindings' users), 200 at
     * once or 202 when the driver works asynchronously; 410 once it is gone.
     */
    public Accepted delete(Delete request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        InstanceRecord child = instances
                .findInstance(instanceId)
                .filter(i -> i.status() != InstanceStatus.DELETED && i.kind() == InstanceKind.CHILD)
                .orElseThrow(() -> new InstanceGone(instanceId));
        if (child.status() == InstanceStatus.CREATING && !(stuckCreating(child) && givenUpWhenStuck(child))) {
            throw new ServiceBrokerConcurrencyException(
                    "service instance " + instanceId + " is being created: delete it once it is created");
        }
        OfferingModel offering = offering(child.serviceId());
        ChildDrivers.Chosen chosen = drivers.forPlan(plan(offering, child.planId()));
        Optional<InstanceRecord> cluster =
                Optional.ofNullable(child.clusterId()).flatMap(instances::findInstance);
        return chosen.driver().delete(request, child, cluster, chosen.declared());
    }

    /**
     * Whether a child stuck {@code creating} is given up by its driver (then it may be deleted); a child whose plan or
     * driver is unknown goes on to the refusal that names it.
     */
    private boolean givenUpWhenStuck(InstanceRecord child) {
        return drivers.find(child)
                .map(chosen -> chosen.driver().stuckRecovery().isPresent())
                .orElse(true);
    }

    /** Whether a child being created was last touched longer ago than the grace period: no request still works on it. */
    private boolean stuckCreating(InstanceRecord child) {
        return child.updatedAt().plus(creatingGrace).isBefore(clock.instant());
    }

    private static String clusterName(InstanceRecord cluster) {
        return cluster.instanceName() == null ? cluster.id() : cluster.instanceName();
    }

    private OfferingModel offering(String serviceId) {
        return CatalogLookup.offering(bundle, serviceId);
    }

    private static PlanModel plan(OfferingModel offering, String planId) {
        return CatalogLookup.plan(offering, planId);
    }

    // ------------------------------------------------------------------ child updates

    /**
     * Updates a child, synchronously (200): the only change a database accepts is its names, which the platform sends
     * in the context when the instance, its space or its org is renamed (they keep {@code cluster} lookups and the
     * dashboard current). A plan change (the data would have to move), parameters (they are fixed at creation) and a
     * {@code maintenance_info} (a database follows its cluster's) are refused with a 400 or 422 that says what to do,
     * changing nothing.
     */
    public Accepted update(Update request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        InstanceRecord child = instances
                .findInstance(instanceId)
                .filter(i -> i.status() != InstanceStatus.DELETED && i.kind() == InstanceKind.CHILD)
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                        "service instance " + instanceId + " does not exist"));
        if (!child.serviceId().equals(request.serviceId())) {
            throw new ServiceBrokerInvalidParametersException("service instance " + instanceId + " belongs to service "
                    + child.serviceId() + ", not " + request.serviceId());
        }
        OfferingModel offering = offering(child.serviceId());
        PlanModel current = plan(offering, child.planId());
        String planId = request.planId();
        if (planId != null && !planId.equals(current.id())) {
            PlanModel target = plan(offering, planId);
            throw new ServiceBrokerInvalidParametersException(
                    target.isCluster()
                            ? "service instance " + instanceId + " is a database (plan " + current.name()
                                    + "): it cannot become a cluster (plan " + target.name() + ")"
                            : "child plans cannot be changed (" + current.name() + " to " + target.name()
                                    + "): create a new database with plan " + target.name()
                                    + " and move the data");
        }
        if (!request.parameters().isEmpty()) {
            throw new ServiceBrokerInvalidParametersException("parameters "
                    + String.join(", ", new TreeSet<>(request.parameters().keySet()))
                    + " cannot be changed on database " + instanceId
                    + ": they are fixed at creation; create a new database to change them");
        }
        if (request.maintenanceVersion() != null) {
            throw new ServiceBrokerMaintenanceInfoConflictException(
                    "database " + instanceId + " has no maintenance_info of its own: it is upgraded with its"
                            + " cluster; upgrade the cluster instead");
        }
        if (child.status() == InstanceStatus.CREATING) {
            throw new ServiceBrokerConcurrencyException(
                    "service instance " + instanceId + " is being created: update it once it is created");
        }
        Placement placement = request.placement();
        if (placement != null) {
            instances.updateNames(instanceId, placement.orgName(), placement.spaceName(), placement.instanceName());
        }
        String cluster = child.clusterId();
        return new Accepted(null, cluster == null ? null : links.dashboardUrl(cluster), false);
    }

    // ------------------------------------------------------------------ recovery

    /**
     * How long a child or binding may stay {@code creating} before it counts as left behind by a stopped broker: longer
     * than the driver's connect and statement time-outs, so no request still works on it.
     */
    public static final Duration DEFAULT_CREATING_GRACE = Duration.ofMinutes(5);

    // ------------------------------------------------------------------ asynchronous drivers

    /**
     * The {@code last_operation} of a child's asynchronous provision or deprovision by its driver (the {@code delegate}
     * driver asks its cluster's broker while it runs); empty for any other operation (and for IDs this broker never
     * accepts), which {@link OperationStatus} answers.
     */
    public Optional<OperationStatus.LastOperation> driverLastOperation(
            String instanceId, @Nullable String operationId) {
        if (!PathSegments.isSafe(instanceId)) {
            return Optional.empty();
        }
        return drivers.lastOperation(instanceId, operationId);
    }
}
