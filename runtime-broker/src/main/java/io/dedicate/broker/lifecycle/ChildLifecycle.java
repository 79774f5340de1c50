package io.dedicate.broker.lifecycle;

import io.dedicate.broker.children.ChildDriverException;
import io.dedicate.broker.children.DatabaseCharacterSet;
import io.dedicate.broker.children.MysqlAdminEndpoint;
import io.dedicate.broker.children.MysqlChildDriver;
import io.dedicate.broker.children.MysqlCredentials;
import io.dedicate.broker.lifecycle.LifecycleRequests.Accepted;
import io.dedicate.broker.lifecycle.LifecycleRequests.Bind;
import io.dedicate.broker.lifecycle.LifecycleRequests.Bound;
import io.dedicate.broker.lifecycle.LifecycleRequests.Delete;
import io.dedicate.broker.lifecycle.LifecycleRequests.Provision;
import io.dedicate.broker.lifecycle.LifecycleRequests.Unbind;
import io.dedicate.broker.lifecycle.LifecycleRequests.Update;
import io.dedicate.broker.offering.LoadedBundle;
import io.dedicate.broker.osb.InstanceGone;
import io.dedicate.broker.osb.InstanceNotFound;
import io.dedicate.broker.osb.OsbRefusal;
import io.dedicate.broker.osb.PathSegments;
import io.dedicate.broker.parameters.ParameterValidator;
import io.dedicate.broker.parameters.ValidatedParameters;
import io.dedicate.broker.report.OperationReports;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStatus;
import io.dedicate.broker.state.BindingStore;
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
import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerMaintenanceInfoConflictException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceExistsException;

/**
 * The life of child instances (databases inside a dedicated cluster) and of their bindings, all synchronous: no
 * pipeline runs and nothing is committed to git; the plan's driver does the work on the cluster at once.
 *
 * <p>A child names its cluster with the {@code cluster} parameter: the cluster's instance name in the requester's
 * space, or its instance GUID; with {@code cluster-org} / {@code cluster-space}, a cluster of another space that
 * shares it ({@link ClusterSharing}). The offering's {@code children_per_cluster} quota is counted under the cluster
 * row's lock. The child is stored (status {@code creating}) in the transaction that locks the
 * cluster's row, before the driver runs, so a cluster delete accepted concurrently cannot miss it (see {@link
 * ChildStore#createChild}); if the driver fails, the row is removed again and the platform may retry.
 *
 * <p>Drivers: {@code mysql} (one database per child, one user per binding, on the cluster's admin endpoint, whose
 * credentials come from the cluster's reported outputs and are unsealed only for the call). {@code delegate}
 * (the cluster's own OSB broker does the work: see {@link DelegatedChildren}; refused when none is configured).
 */
public final class ChildLifecycle {

    /** The built-in parameter naming the child's cluster. */
    static final String CLUSTER = BuiltInParameter.CLUSTER.parameterName();

    private static final String COLLATION = "collation";
    private static final String READ_ONLY = "read_only";
    private static final String PASSWORD = "password";
    private static final DriverKind MYSQL = DriverKind.MYSQL;
    static final DriverKind DELEGATE = DriverKind.DELEGATE;

    private final LoadedBundle bundle;
    private final ParameterValidator validator;
    private final InstanceStore instances;
    private final ChildStore children;
    private final BindingStore bindings;
    private final SecretBox secrets;
    private final OperationLinks links;
    private final MysqlChildDriver mysql;
    private final Clock clock;
    private final @Nullable DelegatedChildren delegated;
    private final Duration creatingGrace;
    private final ClusterSharing sharing;

    public ChildLifecycle(
            LoadedBundle bundle,
            ParameterValidator validator,
            InstanceStore instances,
            ChildStore children,
            BindingStore bindings,
            SecretBox secrets,
            OperationLinks links,
            MysqlChildDriver mysql,
            Clock clock) {
        this.bundle = bundle;
        this.validator = validator;
        this.instances = instances;
        this.children = children;
        this.bindings = bindings;
        this.secrets = secrets;
        this.links = links;
        this.mysql = mysql;
        this.clock = clock;
        this.delegated = null;
        this.creatingGrace = DEFAULT_CREATING_GRACE;
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

    /** Creates a child in its cluster: 201 at once, or 200 for the same request again. */
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
        String digest = RequestDigest.of(
                request.serviceId(),
                request.planId(),
                placement.orgGuid(),
                placement.spaceGuid(),
                request.parameters());
        Optional<InstanceRecord> existing = instances.findInstance(instanceId);
        if (existing.isPresent()) {
            return sameCreateAgain(existing.get(), digest);
        }
        ValidatedParameters parameters = validator.childCreate(offering, plan, request.parameters());
        Driver driver = driver(plan);
        @Nullable
        DatabaseCharacterSet charset =
                driver.name().equals(MYSQL) ? characterSet(driver, request.parameters(), parameters.values()) : null;
        boolean otherSpace = ClusterSharing.namesOtherSpace(placement, parameters.values());
        InstanceRecord cluster = otherSpace
                ? sharing.otherSpaceCluster(offering, placement, parameters.values(), request.requester())
                : cluster(offering, placement, parameters.values());
        requireReady(cluster, cluster.status());
        MysqlAdminEndpoint admin = driver.name().equals(DELEGATE) ? null : adminEndpoint(cluster);
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
        if (driver.name().equals(DELEGATE)) {
            return delegated().provision(request, child, cluster, driver);
        }
        try {
            if (charset != null && admin != null) {
                mysql.createDatabase(admin, MysqlChildDriver.databaseName(instanceId), charset);
            }
        } catch (ChildDriverException | IllegalArgumentException e) {
            children.discardChild(instanceId);
            throw new OsbRefusal(
                    502,
                    null,
                    "cannot create the database of service instance " + instanceId + " in cluster "
                            + clusterName(cluster) + ": " + e.getMessage());
        }
        if (!children.markChildReady(instanceId)) {
            throw givenUp("service instance " + instanceId);
        }
        return new Accepted(null, links.dashboardUrl(cluster.id()), false);
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
        Optional<Accepted> delegatedPending =
                delegated == null ? Optional.empty() : delegated.provisionInProgress(existing);
        if (delegatedPending.isPresent()) {
            return delegatedPending.get();
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

    /** Deletes a child: its database is dropped (with its bindings' users), 200 at once; 410 once it is gone. */
    public Accepted delete(Delete request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        InstanceRecord child = instances
                .findInstance(instanceId)
                .filter(i -> i.status() != InstanceStatus.DELETED && i.kind() == InstanceKind.CHILD)
                .orElseThrow(() -> new InstanceGone(instanceId));
        if (child.status() == InstanceStatus.CREATING && (delegateDriver(child).isPresent() || !stuckCreating(child))) {
            throw new ServiceBrokerConcurrencyException(
                    "service instance " + instanceId + " is being created: delete it once it is created");
        }
        OfferingModel offering = offering(child.serviceId());
        Driver driver = driver(plan(offering, child.planId()));
        Optional<InstanceRecord> cluster =
                Optional.ofNullable(child.clusterId()).flatMap(instances::findInstance);
        if (driver.name().equals(DELEGATE)) {
            return delegated().delete(request, child, cluster, driver);
        }
        if (driver.name().equals(MYSQL) && cluster.isPresent() && cluster.get().status() != InstanceStatus.DELETED) {
            try {
                mysql.dropDatabase(adminEndpoint(cluster.get()), MysqlChildDriver.databaseName(instanceId));
            } catch (ChildDriverException e) {
                throw new OsbRefusal(
                        502,
                        null,
                        "cannot drop the database of service instance " + instanceId + " in cluster "
                                + clusterName(cluster.get()) + ": " + e.getMessage());
            }
        }
        if (!children.markChildDeleted(instanceId)) {
            throw new InstanceGone(instanceId);
        }
        return new Accepted(null, null, false);
    }

    // ------------------------------------------------------------------ bindings

    /** Binds a child: a new database user, 201 with its credentials; 200 with the same ones for the same bind. */
    public Bound bind(Bind request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        return bind(request, instances.findInstance(instanceId).orElse(null));
    }

    /**
     * {@link #bind(Bind)} of the instance as the caller just read it from the store ({@code stored}, null if there is
     * none), which saves reading it again.
     */
    public Bound bind(Bind request, @Nullable InstanceRecord stored) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        String bindingId = PathSegments.require("binding id", request.bindingId());
        InstanceRecord child = Optional.ofNullable(stored)
                .filter(i -> i.id().equals(instanceId)
                        && i.status() != InstanceStatus.DELETED
                        && i.kind() == InstanceKind.CHILD)
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                        "service instance " + instanceId + " does not exist"));
        if (child.status() != InstanceStatus.READY) {
            throw new ServiceBrokerConcurrencyException(
                    "service instance " + instanceId + " is " + child.status().wire() + ": bind it once it is ready");
        }
        OfferingModel offering = offering(child.serviceId());
        PlanModel plan = plan(offering, child.planId());
        String digest =
                RequestDigest.of(request.serviceId(), request.planId(), instanceId, bindingId, request.parameters());
        if (driver(plan).name().equals(DELEGATE)) {
            return delegated().bind(request, child, offering, plan, driver(plan), digest);
        }
        Optional<BindingRecord> existing = bindings.findBinding(bindingId);
        if (existing.isPresent() && existing.get().status() != BindingStatus.DELETED) {
            return sameBindAgain(existing.get(), instanceId, digest);
        }
        ValidatedParameters parameters = validator.bindingCreate(offering, plan, request.parameters());
        if (parameters.values().containsKey(PASSWORD)) {
            throw new ServiceBrokerInvalidParametersException("parameter `" + PASSWORD
                    + "` is not supported yet: the broker generates a strong password for every binding");
        }
        driver(plan);
        InstanceRecord cluster = Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .orElseThrow(() ->
                        new IllegalStateException("child " + instanceId + " has no cluster " + child.clusterId()));
        MysqlAdminEndpoint admin = adminEndpoint(cluster);
        String username = MysqlChildDriver.userName(bindingId);
        if (!bindings.claimBinding(bindingId, instanceId, username, digest)) {
            return sameBindAgain(bindings.findBinding(bindingId).orElseThrow(), instanceId, digest);
        }
        MysqlCredentials credentials;
        try {
            credentials = mysql.createUser(
                    admin,
                    MysqlChildDriver.databaseName(instanceId),
                    username,
                    Boolean.TRUE.equals(parameters.values().get(READ_ONLY)));
        } catch (ChildDriverException | IllegalArgumentException e) {
            bindings.abandonBinding(bindingId);
            throw new OsbRefusal(
                    502,
                    null,
                    "cannot create the user of binding " + bindingId + " in cluster " + clusterName(cluster) + ": "
                            + e.getMessage());
        }
        Map<String, Object> values = credentials.asBindingCredentials();
        if (!bindings.completeBinding(bindingId, secrets.seal(StateJson.write(values), bindingContext(bindingId)))) {
            throw givenUp("binding " + bindingId);
        }
        return new Bound(values, false);
    }

    private Bound sameBindAgain(BindingRecord binding, String instanceId, String digest) {
        return storedBinding(secrets, binding, instanceId, digest)
                .orElseThrow(() -> new ServiceBrokerConcurrencyException(
                        "binding " + binding.id() + " is being created by another request: try again shortly"));
    }

    /**
     * The answer to a bind repeated with an existing binding's ID, for every driver: 409 when the request differs
     * from the one that created it; the stored credentials (unsealed) when it is ready; empty while it is still being
     * created.
     */
    static Optional<Bound> storedBinding(SecretBox secrets, BindingRecord binding, String instanceId, String digest) {
        if (!binding.instanceId().equals(instanceId) || !binding.requestDigest().equals(digest)) {
            throw new OsbRefusal(
                    409,
                    null,
                    "binding " + binding.id() + " already exists with other attributes (instance, plan or"
                            + " parameters)");
        }
        String sealed = binding.sealedCredentials();
        if (binding.status() != BindingStatus.READY || sealed == null) {
            return Optional.empty();
        }
        return Optional.of(new Bound(StateJson.readMap(secrets.open(sealed, bindingContext(binding.id()))), true));
    }

    /**
     * Unbinds: the binding's user is dropped, 200; 410 if there is no such binding. Returns the operation to poll when
     * a {@code delegate} child's broker unbinds asynchronously (202), else null.
     */
    public @Nullable String unbind(Unbind request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        String bindingId = PathSegments.require("binding id", request.bindingId());
        BindingRecord binding = bindings.findBinding(bindingId)
                .filter(b ->
                        b.status() != BindingStatus.DELETED && b.instanceId().equals(instanceId))
                .orElseThrow(() -> new OsbRefusal(410, null, "binding " + bindingId + " does not exist"));
        if (binding.status() != BindingStatus.READY) {
            throw new ServiceBrokerConcurrencyException(
                    "binding " + bindingId + " is being created: unbind it once it is created");
        }
        InstanceRecord child = instances.findInstance(instanceId).orElseThrow(() -> new InstanceGone(instanceId));
        Optional<Driver> delegateDriver = delegateDriver(child);
        if (delegateDriver.isPresent()) {
            return delegated().unbind(request, binding, child, delegateDriver.get());
        }
        InstanceRecord cluster = Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .orElseThrow(() ->
                        new IllegalStateException("child " + instanceId + " has no cluster " + child.clusterId()));
        try {
            mysql.dropUser(adminEndpoint(cluster), binding.username());
        } catch (ChildDriverException e) {
            throw new OsbRefusal(
                    502,
                    null,
                    "cannot drop the user of binding " + bindingId + " in cluster " + clusterName(cluster) + ": "
                            + e.getMessage());
        }
        if (!bindings.markBindingDeleted(bindingId)) {
            throw new OsbRefusal(410, null, "binding " + bindingId + " does not exist");
        }
        return null;
    }

    /** The AES-GCM associated data of a binding's sealed credentials. */
    static String bindingContext(String bindingId) {
        return "binding:" + bindingId;
    }

    // ------------------------------------------------------------------ shared

    /** The cluster's MySQL admin endpoint, from its reported outputs; secret outputs are unsealed only here. */
    private MysqlAdminEndpoint adminEndpoint(InstanceRecord cluster) {
        Map<String, Object> outputs = new LinkedHashMap<>(StateJson.readMap(cluster.outputsJson()));
        String sealed = cluster.sealedSecretOutputs();
        if (sealed != null) {
            outputs.putAll(StateJson.readMap(secrets.open(sealed, OperationReports.outputsContext(cluster.id()))));
        }
        String host = output(cluster, outputs, "host");
        String port = output(cluster, outputs, "port");
        String username = output(cluster, outputs, "admin_username");
        String password = output(cluster, outputs, "admin_password");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new OsbRefusal(
                    502, null, "cluster " + clusterName(cluster) + " reported a port that is not a number: " + port);
        }
        try {
            return new MysqlAdminEndpoint(host, portNumber, username, password);
        } catch (IllegalArgumentException e) {
            throw new OsbRefusal(
                    502, null, "cluster " + clusterName(cluster) + " reported unusable outputs: " + e.getMessage());
        }
    }

    private static String output(InstanceRecord cluster, Map<String, Object> outputs, String name) {
        Object value = outputs.get(name);
        if (value == null) {
            throw new OsbRefusal(
                    502,
                    null,
                    "cluster " + clusterName(cluster) + " has not reported its `" + name
                            + "` output: its pipeline's report must carry host, port, admin_username and"
                            + " admin_password");
        }
        return value.toString();
    }

    private Driver driver(PlanModel plan) {
        Driver driver = Objects.requireNonNull(plan.driver(), () -> "child plan " + plan.name() + " has no driver");
        if (driver.name().equals(DELEGATE) && delegated == null) {
            throw new ServiceBrokerInvalidParametersException("plan " + plan.name()
                    + " uses the `delegate` driver, which is not available yet: use a plan of the `mysql` driver");
        }
        if (!driver.name().equals(MYSQL) && !driver.name().equals(DELEGATE)) {
            throw new ServiceBrokerInvalidParametersException(
                    "plan " + plan.name() + " uses the unknown driver `" + driver.name() + "`");
        }
        return driver;
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

    // ------------------------------------------------------------------ retrievable bindings

    /**
     * The credentials of a ready binding of the child {@code instanceId}, unsealed for the platform's {@code GET}
     * (bindings are retrievable).
     *
     * @throws InstanceNotFound (404, as OSB asks) for an unknown, deleted or foreign binding, and for one still being
     *     created
     */
    public Map<String, Object> bindingCredentials(String instanceId, String bindingId) {
        PathSegments.require("service instance id", instanceId);
        PathSegments.require("binding id", bindingId);
        BindingRecord binding = bindings.findBinding(bindingId)
                .filter(b ->
                        b.status() != BindingStatus.DELETED && b.instanceId().equals(instanceId))
                .orElseThrow(() -> new InstanceNotFound(
                        "binding " + bindingId + " of service instance " + instanceId + " does not exist"));
        String sealed = binding.sealedCredentials();
        if (binding.status() != BindingStatus.READY || sealed == null) {
            throw new InstanceNotFound(
                    "binding " + bindingId + " is still being created: fetch it once its creation has answered");
        }
        return StateJson.readMap(secrets.open(sealed, bindingContext(bindingId)));
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

    // ------------------------------------------------------------------ character set and collation

    /**
     * The character set and collation of a new database (see {@link DatabaseCharacterSet#choose}): the request's
     * {@code collation} if it gave one, else the driver's, else the offering's declared default; a 400 when the
     * requested collation does not belong to the driver's character set.
     */
    private static DatabaseCharacterSet characterSet(
            Driver driver, Map<String, Object> requested, Map<String, Object> validated) {
        boolean given = requested.containsKey(COLLATION);
        try {
            return DatabaseCharacterSet.choose(
                    driver.settings(),
                    given ? validated.get(COLLATION) : null,
                    given ? null : validated.get(COLLATION));
        } catch (IllegalArgumentException e) {
            throw new ServiceBrokerInvalidParametersException("parameter `" + COLLATION + "`: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ recovery

    /**
     * How long a child or binding may stay {@code creating} before it counts as left behind by a stopped broker: longer
     * than the driver's connect and statement time-outs, so no request still works on it.
     */
    public static final Duration DEFAULT_CREATING_GRACE = Duration.ofMinutes(5);

    // ------------------------------------------------------------------ delegate driver

    /**
     * A child lifecycle with the delegate driver as well (its children are forwarded to their cluster's own
     * broker; {@code null} refuses it). Children of the {@code mysql} driver stuck {@code creating} for longer than
     * {@code creatingGrace} (a broker stopped while creating them) may be deleted: the platform's orphan mitigation
     * then succeeds instead of a 422.
     */
    public ChildLifecycle(
            LoadedBundle bundle,
            ParameterValidator validator,
            InstanceStore instances,
            ChildStore children,
            BindingStore bindings,
            SecretBox secrets,
            OperationLinks links,
            MysqlChildDriver mysql,
            Clock clock,
            @Nullable DelegatedChildren delegated,
            Duration creatingGrace) {
        this.bundle = bundle;
        this.validator = validator;
        this.instances = instances;
        this.children = children;
        this.bindings = bindings;
        this.secrets = secrets;
        this.links = links;
        this.mysql = mysql;
        this.clock = clock;
        this.delegated = delegated;
        this.creatingGrace = ChildRecovery.requirePositive(creatingGrace);
        this.sharing = new ClusterSharing(instances, validator);
    }

    /**
     * The {@code last_operation} of a {@code delegate} child's asynchronous provision or deprovision (asking its
     * cluster's broker while it runs); empty for any other operation (and for IDs this broker never accepts), which
     * {@link OperationStatus} answers.
     */
    public Optional<OperationStatus.LastOperation> delegatedLastOperation(
            String instanceId, @Nullable String operationId) {
        if (delegated == null || !PathSegments.isSafe(instanceId)) {
            return Optional.empty();
        }
        return delegated.lastOperation(instanceId, operationId);
    }

    /**
     * The {@code last_operation} of a {@code delegate} child's asynchronous bind or unbind; empty when the binding has
     * no such operation.
     */
    public Optional<OperationStatus.LastOperation> delegatedBindingLastOperation(
            String instanceId, String bindingId, @Nullable String operationId) {
        if (delegated == null || !PathSegments.isSafe(instanceId) || !PathSegments.isSafe(bindingId)) {
            return Optional.empty();
        }
        return delegated.bindingLastOperation(instanceId, bindingId, operationId);
    }

    /** The credentials of a ready binding of a {@code delegate} child (fetched after an asynchronous bind). */
    public Optional<Map<String, Object>> delegatedBinding(String instanceId, String bindingId) {
        if (delegated == null || !PathSegments.isSafe(instanceId) || !PathSegments.isSafe(bindingId)) {
            return Optional.empty();
        }
        return delegated.binding(instanceId, bindingId);
    }

    /** The child's plan's driver if it is {@code delegate}; empty for other drivers and plans the bundle lacks. */
    private Optional<Driver> delegateDriver(InstanceRecord child) {
        return bundle.offering(child.serviceId())
                .flatMap(offering -> offering.plan(child.planId()))
                .map(PlanModel::driver)
                .filter(driver -> driver.name().equals(DELEGATE));
    }

    private DelegatedChildren delegated() {
        if (delegated == null) {
            throw new ServiceBrokerInvalidParametersException(
                    "the `delegate` driver is not configured in this broker: use a plan of the `mysql` driver");
        }
        return delegated;
    }

    /**
     * The answer to a create that outlived the grace period: the recovery sweep gave it up meanwhile (and dropped what
     * it found), so the platform must try again.
     */
    private OsbRefusal givenUp(String what) {
        return new OsbRefusal(
                502,
                null,
                what + " took longer than " + creatingGrace + " to create and was given up: create it again");
    }

    /** Whether a child being created was last touched longer ago than the grace period: no request still works on it. */
    private boolean stuckCreating(InstanceRecord child) {
        return child.updatedAt().plus(creatingGrace).isBefore(clock.instant());
    }

    /** The driver of a stored child's plan, empty when the bundle no longer has the plan or the plan has none. */
    Optional<Driver> driverOf(InstanceRecord child) {
        return bundle.offering(child.serviceId())
                .flatMap(offering -> offering.plan(child.planId()))
                .map(PlanModel::driver);
    }

    /** The cluster's MySQL admin endpoint from its reported outputs (an {@link OsbRefusal} when they are missing). */
    MysqlAdminEndpoint clusterAdmin(InstanceRecord cluster) {
        return adminEndpoint(cluster);
    }
}
