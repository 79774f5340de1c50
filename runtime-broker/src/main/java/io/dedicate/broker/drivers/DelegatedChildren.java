package io.dedicate.broker.drivers;

import io.dedicate.broker.children.ChildBindings;
import io.dedicate.broker.children.ChildDriver;
import io.dedicate.broker.cluster.CatalogLookup;
import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Bind;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Unbind;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.cluster.OperationStatus.LastOperation;
import io.dedicate.broker.cluster.StateJson;
import io.dedicate.broker.drivers.ClusterBrokerClient.Answer;
import io.dedicate.broker.drivers.ClusterBrokerClient.RemotePlan;
import io.dedicate.broker.drivers.ClusterBrokerClient.RemoteState;
import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.report.ClusterOutputs;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.DelegatedOperation;
import io.dedicate.broker.state.DelegatedOperation.Kind;
import io.dedicate.broker.state.DelegatedOperationStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.Placement;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.DriverSetting;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code delegate} child driver: children of a cluster are its own OSB broker's service instances. Provision,
 * deprovision, bind and unbind are forwarded to that broker (URL and credentials from the cluster's reported outputs
 * {@code broker_url}, {@code broker_username} and {@code broker_password}, the last one unsealed only for the call)
 * with the child's own instance and binding IDs, the service and plan that the plan's driver settings name, mapped to
 * that broker's IDs through its catalog.
 *
 * <p>What is forwarded on provision: the platform's {@code context} (org and space GUIDs and names, instance name) and
 * the parameters exactly as the user gave them, {@code cluster} included (a cluster broker that hosts several clusters
 * needs it; the cluster's own broker may ignore it), without {@code cluster-org} / {@code cluster-space}, which only
 * this broker understands. The platform's {@code accepts_incomplete} is forwarded on every call as the platform sent it
 * (a cluster broker that needs it answers 422 {@code AsyncRequired}, which is passed on); a bind forwards the
 * platform's {@code bind_resource} and {@code context} as well.
 *
 * <p>Answers mirror the cluster broker's: 200/201 make the child (binding) ready at once; 202 keeps it {@code creating}
 * and this broker answers 202 with an operation of its own ({@link DelegatedOperationStore}), whose {@code last_operation}
 * asks the cluster broker and applies the outcome (ready, deleted; a failed create discards the child so that delete
 * protection no longer counts it, the failure's description stays for the platform). Refusals (400, 409, 410, 422) are
 * passed on, prefixed with the cluster broker that refused; an unreachable broker, a 5xx or a garbled answer is a 502
 * naming the cluster and the URL, and nothing changes (a child being created is discarded).
 *
 * <p>Every asynchronous operation has a deadline ({@code dedicate.default-operation-timeout} after its start): polled
 * past it, or found by the periodic pass {@link #failOverdue}, while the cluster broker still does not say it ended (or
 * cannot be reached), it fails as if that broker had reported a failure. A child whose cluster row is gone (removed
 * after a platform purge) is unbound and deleted here only, with a warning in the log; binding it is refused.
 */
public final class DelegatedChildren implements ChildDriver {

    private static final Logger LOG = LoggerFactory.getLogger(DelegatedChildren.class);
    private static final String CLUSTER_ORG = BuiltInParameter.CLUSTER_ORG.parameterName();
    private static final String CLUSTER_SPACE = BuiltInParameter.CLUSTER_SPACE.parameterName();
    /** What the binding table's user column holds for a delegated binding (the cluster broker names its users). */
    private static final String DELEGATED_USER = "(delegated)";

    private final LoadedBundle bundle;
    private final InstanceStore instances;
    private final ChildStore children;
    private final BindingStore bindings;
    private final SecretBox secrets;
    private final DelegatedOperationStore operations;
    private final ClusterBrokerClient client;
    private final OperationLinks links;

    /** Forwards with {@code client}; keeps asynchronous operations in {@code operations}. */
    public DelegatedChildren(
            LoadedBundle bundle,
            InstanceStore instances,
            ChildStore children,
            BindingStore bindings,
            SecretBox secrets,
            DelegatedOperationStore operations,
            ClusterBrokerClient client,
            OperationLinks links) {
        this.bundle = bundle;
        this.instances = instances;
        this.children = children;
        this.bindings = bindings;
        this.secrets = secrets;
        this.operations = operations;
        this.client = client;
        this.links = links;
    }

    // ------------------------------------------------------------------ provision

    /** Nothing to check before the cluster broker is asked: it checks the parameters itself. */
    @Override
    public Creation creation(Provision request, Driver driver, ValidatedParameters parameters) {
        return cluster -> child -> provision(request, child, cluster, driver);
    }

    /**
     * Creates the child, already stored {@code creating} under its cluster's lock, on the cluster's broker: 201 when it
     * answered 200/201, 202 with an operation when it answered 202. On a refusal or failure the child is discarded.
     */
    private Accepted provision(Provision request, InstanceRecord child, InstanceRecord cluster, Driver driver) {
        String instanceId = child.id();
        String dashboard = links.dashboardUrl(cluster.id());
        Answer answer;
        try {
            ClusterBrokerEndpoint broker = endpoint(cluster);
            RemotePlan plan = remotePlan(broker, driver);
            answer = client.provision(
                    broker,
                    instanceId,
                    plan,
                    context(request.placement()),
                    forwardedParameters(request.parameters()),
                    request.asyncAccepted(),
                    originatingIdentity(request.originatingIdentity(), request.requester()));
        } catch (RuntimeException e) {
            children.discardChild(instanceId);
            throw refusal(e, cluster, "cannot create service instance " + instanceId);
        }
        if (answer.status() == 202) {
            DelegatedOperation operation = operations.start(instanceId, null, Kind.PROVISION, answer.operation());
            return new Accepted(operation.id(), dashboard, false);
        }
        children.markChildReady(instanceId);
        return new Accepted(null, dashboard, false);
    }

    /** The answer to the same create again while the cluster broker is still creating the child: 202 again. */
    @Override
    public Optional<Accepted> provisionInProgress(InstanceRecord child) {
        String cluster = child.clusterId();
        return operations
                .inProgress(child.id(), null, Kind.PROVISION)
                .map(operation ->
                        new Accepted(operation.id(), cluster == null ? null : links.dashboardUrl(cluster), true));
    }

    // ------------------------------------------------------------------ delete

    /**
     * Deletes the child on its cluster's broker: 200 when it answered 200 or 410, 202 with an operation when it
     * answered 202 (the child stays, counted by delete protection, until the cluster broker says it is gone). A child
     * whose cluster is gone is only marked deleted.
     */
    @Override
    public Accepted delete(Delete request, InstanceRecord child, Optional<InstanceRecord> cluster, Driver driver) {
        String instanceId = child.id();
        Optional<DelegatedOperation> pending = operations.inProgress(instanceId, null, Kind.DEPROVISION);
        if (pending.isPresent()) {
            return new Accepted(pending.get().id(), null, false);
        }
        if (cluster.isPresent() && cluster.get().status() != InstanceStatus.DELETED) {
            Answer answer;
            try {
                ClusterBrokerEndpoint broker = endpoint(cluster.get());
                answer = client.deprovision(
                        broker,
                        instanceId,
                        remotePlan(broker, driver),
                        request.asyncAccepted(),
                        originatingIdentity(request.originatingIdentity(), request.requester()));
            } catch (RuntimeException e) {
                throw refusal(e, cluster.get(), "cannot delete service instance " + instanceId);
            }
            if (answer.status() == 202) {
                DelegatedOperation operation = operations.start(instanceId, null, Kind.DEPROVISION, answer.operation());
                return new Accepted(operation.id(), null, false);
            }
        } else {
            LOG.warn(
                    "service instance {} is deleted here only: its cluster {} no longer exists, so its broker cannot"
                            + " be asked to delete it (whatever is left of it there must be removed by hand)",
                    instanceId,
                    child.clusterId());
        }
        if (!children.markChildDeleted(instanceId)) {
            throw new InstanceGone(instanceId);
        }
        return new Accepted(null, null, false);
    }

    // ------------------------------------------------------------------ bindings

    /** A bind of a child whose cluster still exists (422 otherwise); its binding's row names no user. */
    @Override
    public BindingCreation binding(Bind request, InstanceRecord child, ValidatedParameters parameters, Driver driver) {
        String instanceId = child.id();
        InstanceRecord cluster = liveCluster(child)
                .orElseThrow(() -> new OsbRefusal(
                        422,
                        null,
                        "service instance " + instanceId + " cannot be bound: its cluster " + child.clusterId()
                                + " no longer exists. Delete the service instance"));
        return new BindingCreation(DELEGATED_USER, () -> bind(request, child, cluster, driver));
    }

    /**
     * Binds the child on its cluster's broker: 201 with the credentials it answered (stored sealed, so the same bind
     * again answers 200 with the same ones), or 202 with an operation when it answered 202.
     */
    private Bound bind(Bind request, InstanceRecord child, InstanceRecord cluster, Driver driver) {
        String instanceId = child.id();
        String bindingId = request.bindingId();
        Answer answer;
        try {
            ClusterBrokerEndpoint broker = endpoint(cluster);
            answer = client.bind(
                    broker,
                    instanceId,
                    bindingId,
                    remotePlan(broker, driver),
                    request.context(),
                    request.bindResource(),
                    request.parameters(),
                    request.asyncAccepted(),
                    originatingIdentity(request.originatingIdentity(), null));
        } catch (RuntimeException e) {
            bindings.abandonBinding(bindingId);
            throw refusal(e, cluster, "cannot create binding " + bindingId);
        }
        if (answer.status() == 202) {
            DelegatedOperation operation = operations.start(instanceId, bindingId, Kind.BIND, answer.operation());
            return new Bound(Map.of(), false, operation.id());
        }
        Map<String, Object> credentials = answer.credentials();
        bindings.completeBinding(bindingId, seal(bindingId, credentials));
        return new Bound(credentials, false);
    }

    /** The answer to the same bind again while the cluster broker is still binding: 202 again. */
    @Override
    public Optional<Bound> bindInProgress(InstanceRecord child, String bindingId) {
        return operations
                .inProgress(child.id(), bindingId, Kind.BIND)
                .map(operation -> new Bound(Map.of(), true, operation.id()));
    }

    /**
     * Unbinds on the cluster's broker: null (200) when it answered 200 or 410, or the id of an operation to poll when
     * it answered 202 (the binding stays until the cluster broker says it is gone).
     */
    @Override
    public @Nullable String unbind(Unbind request, BindingRecord binding, InstanceRecord child, Driver driver) {
        String bindingId = binding.id();
        Optional<DelegatedOperation> pending = operations.inProgress(child.id(), bindingId, Kind.UNBIND);
        if (pending.isPresent()) {
            return pending.get().id();
        }
        Optional<InstanceRecord> live = liveCluster(child);
        if (live.isEmpty()) {
            LOG.warn(
                    "binding {} of service instance {} is deleted here only: its cluster {} no longer exists",
                    bindingId,
                    child.id(),
                    child.clusterId());
            if (!bindings.markBindingDeleted(bindingId)) {
                throw new OsbRefusal(410, null, "binding " + bindingId + " does not exist");
            }
            return null;
        }
        InstanceRecord cluster = live.get();
        Answer answer;
        try {
            ClusterBrokerEndpoint broker = endpoint(cluster);
            answer = client.unbind(
                    broker,
                    child.id(),
                    bindingId,
                    remotePlan(broker, driver),
                    request.asyncAccepted(),
                    originatingIdentity(request.originatingIdentity(), null));
        } catch (RuntimeException e) {
            throw refusal(e, cluster, "cannot delete binding " + bindingId);
        }
        if (answer.status() == 202) {
            return operations
                    .start(child.id(), bindingId, Kind.UNBIND, answer.operation())
                    .id();
        }
        if (!bindings.markBindingDeleted(bindingId)) {
            throw new OsbRefusal(410, null, "binding " + bindingId + " does not exist");
        }
        return null;
    }

    // ------------------------------------------------------------------ last operations

    /**
     * The state of a delegated operation of an instance (its latest when {@code operationId} is null), asking the
     * cluster broker while it is in progress and applying its outcome; empty when the operation is not a delegated one
     * of this instance (the caller then answers as for any other instance).
     */
    @Override
    public Optional<LastOperation> lastOperation(String instanceId, @Nullable String operationId) {
        Optional<DelegatedOperation> found = operationId == null
                ? operations.latestOfInstance(instanceId)
                : operations.find(operationId).filter(o -> o.instanceId().equals(instanceId) && o.bindingId() == null);
        return found.map(this::poll);
    }

    /** The state of a delegated binding operation, like {@link #lastOperation}. */
    @Override
    public Optional<LastOperation> bindingLastOperation(
            String instanceId, String bindingId, @Nullable String operationId) {
        Optional<DelegatedOperation> found = operationId == null
                ? operations.latestOfBinding(instanceId, bindingId)
                : operations
                        .find(operationId)
                        .filter(o -> o.instanceId().equals(instanceId) && bindingId.equals(o.bindingId()));
        return found.map(this::poll);
    }

    private LastOperation poll(DelegatedOperation operation) {
        if (operation.state() != OperationState.IN_PROGRESS) {
            return answer(operation, operation.state(), operation.description());
        }
        Optional<InstanceRecord> child = instances.findInstance(operation.instanceId());
        Optional<InstanceRecord> cluster = child.flatMap(this::liveCluster);
        if (child.isEmpty() || cluster.isEmpty()) {
            return clusterGone(operation, child);
        }
        String clusterName = name(cluster.get());
        try {
            ClusterBrokerEndpoint broker = endpoint(cluster.get());
            RemotePlan plan = remotePlan(broker, driverOf(child.get()));
            String bindingId = operation.bindingId();
            RemoteState remote = bindingId == null
                    ? client.lastOperation(broker, operation.instanceId(), plan, operation.remoteOperation())
                    : client.bindingLastOperation(
                            broker, operation.instanceId(), bindingId, plan, operation.remoteOperation());
            LastOperation last = apply(operation, remote, broker);
            if (last.state() == OperationState.IN_PROGRESS && operations.isOverdue(operation)) {
                return timedOut(operation, clusterName, last.description());
            }
            return last;
        } catch (ClusterBrokerRefusal e) {
            giveUp(operation);
            return end(
                    operation,
                    OperationState.FAILED,
                    "the cluster broker refused to say how the operation ended: " + e.description());
        } catch (ChildDriverException | OsbRefusal e) {
            if (operations.isOverdue(operation)) {
                return timedOut(operation, clusterName, e.getMessage());
            }
            // the platform polls again; the operation's deadline ends one that never comes back
            String description = "cannot ask the cluster broker yet (" + e.getMessage() + "): will ask again";
            operations.describe(operation.id(), description);
            return answer(operation, OperationState.IN_PROGRESS, description);
        }
    }

    private LastOperation apply(DelegatedOperation operation, RemoteState remote, ClusterBrokerEndpoint broker) {
        String said = remote.description();
        String bindingId = operation.bindingId();
        switch (remote.state()) {
            case "succeeded", RemoteState.GONE -> {
                boolean gone = remote.state().equals(RemoteState.GONE);
                switch (operation.kind()) {
                    case PROVISION -> {
                        if (gone) {
                            children.discardChild(operation.instanceId());
                            return end(
                                    operation,
                                    OperationState.FAILED,
                                    "the cluster broker no longer knows" + " service instance "
                                            + operation.instanceId());
                        }
                        children.markChildReady(operation.instanceId());
                    }
                    case DEPROVISION -> children.markChildDeleted(operation.instanceId());
                    case BIND -> {
                        String id = required(bindingId);
                        if (gone) {
                            bindings.abandonBinding(id);
                            return end(
                                    operation,
                                    OperationState.FAILED,
                                    "the cluster broker no longer knows" + " binding " + id);
                        }
                        Answer fetched = client.fetchBinding(broker, operation.instanceId(), id, null);
                        bindings.completeBinding(id, seal(id, fetched.credentials()));
                    }
                    case UNBIND -> bindings.markBindingDeleted(required(bindingId));
                }
                return end(operation, OperationState.SUCCEEDED, said == null ? "succeeded" : said);
            }
            case "failed" -> {
                giveUp(operation);
                return end(
                        operation,
                        OperationState.FAILED,
                        ClusterBrokerClient.where(broker) + " says the operation failed"
                                + (said == null ? "" : ": " + said));
            }
            default -> {
                operations.describe(operation.id(), said);
                return answer(operation, OperationState.IN_PROGRESS, said);
            }
        }
    }

    /**
     * Undoes what a failed creation left here: a child being created is discarded (delete protection no longer counts
     * it), a binding being created is abandoned. A failed deletion changes nothing: the child or binding still lives.
     */
    private void giveUp(DelegatedOperation operation) {
        String bindingId = operation.bindingId();
        if (operation.kind() == Kind.PROVISION) {
            children.discardChild(operation.instanceId());
        } else if (operation.kind() == Kind.BIND && bindingId != null) {
            bindings.abandonBinding(bindingId);
        }
    }

    private LastOperation end(DelegatedOperation operation, OperationState state, String description) {
        if (!operations.finish(operation.id(), state, description)) {
            DelegatedOperation ended = operations.find(operation.id()).orElse(operation);
            return answer(ended, ended.state(), ended.description());
        }
        return answer(operation, state, description);
    }

    private static LastOperation answer(
            DelegatedOperation operation, OperationState state, @Nullable String description) {
        OperationKind kind = switch (operation.kind()) {
            case PROVISION, BIND -> OperationKind.DEPLOY;
            case DEPROVISION, UNBIND -> OperationKind.DELETE;
        };
        return new LastOperation(kind, state, description == null ? state.wire() : description);
    }

    // ------------------------------------------------------------------ shared

    /** The cluster broker of a cluster, from its reported outputs; the password is unsealed only here. */
    private ClusterBrokerEndpoint endpoint(InstanceRecord cluster) {
        Map<String, Object> outputs = ClusterOutputs.of(cluster, secrets);
        String url = output(cluster, outputs, "broker_url");
        String username = output(cluster, outputs, "broker_username");
        String password = output(cluster, outputs, "broker_password");
        try {
            return new ClusterBrokerEndpoint(name(cluster), new URI(url), username, password);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new ChildDriverException("cluster " + name(cluster)
                    + " reported an unusable broker_url or broker_username: " + e.getMessage());
        }
    }

    private static String output(InstanceRecord cluster, Map<String, Object> outputs, String name) {
        Object value = outputs.get(name);
        if (value == null) {
            throw new ChildDriverException("cluster " + name(cluster) + " has not reported its `" + name
                    + "` output: its pipeline's report must carry broker_url, broker_username and broker_password");
        }
        return value.toString();
    }

    private RemotePlan remotePlan(ClusterBrokerEndpoint broker, Driver driver) {
        String service = driver.settings().text(DriverSetting.SERVICE).orElse(null);
        String plan = driver.settings().text(DriverSetting.PLAN).orElse(null);
        if (service == null || plan == null) {
            throw new ChildDriverException("the `delegate` driver needs `service` and `plan` settings, got "
                    + driver.settings().keys());
        }
        return client.plan(broker, service, plan);
    }

    private Driver driverOf(InstanceRecord child) {
        Driver driver = CatalogLookup.plan(CatalogLookup.offering(bundle, child.serviceId()), child.planId())
                .driver();
        if (driver == null) {
            throw new ChildDriverException("service instance " + child.id() + " is not a child of a `delegate` plan");
        }
        return driver;
    }

    private String seal(String bindingId, Map<String, Object> credentials) {
        return secrets.seal(StateJson.write(credentials), ChildBindings.bindingContext(bindingId));
    }

    /** The OSB refusal for a failed call: a cluster broker's refusal passed on, anything else a 502. */
    private static OsbRefusal refusal(RuntimeException e, InstanceRecord cluster, String what) {
        if (e instanceof ClusterBrokerRefusal refused) {
            return new OsbRefusal(
                    refused.status(),
                    refused.error(),
                    "cluster " + name(cluster) + "'s broker refused: " + refused.description());
        }
        if (e instanceof ChildDriverException || e instanceof IllegalArgumentException) {
            return new OsbRefusal(502, null, what + " in cluster " + name(cluster) + ": " + e.getMessage());
        }
        if (e instanceof OsbRefusal osb) {
            return osb;
        }
        throw e;
    }

    /** The platform's context as OSB 2.17 gives it, from what the broker kept of it. */
    private static Map<String, Object> context(Placement placement) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("platform", "cloudfoundry");
        context.put("organization_guid", placement.orgGuid());
        context.put("space_guid", placement.spaceGuid());
        putIfPresent(context, "organization_name", placement.orgName());
        putIfPresent(context, "space_name", placement.spaceName());
        putIfPresent(context, "instance_name", placement.instanceName());
        return context;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> forwardedParameters(Map<String, Object> parameters) {
        Map<String, Object> forwarded = new LinkedHashMap<>(parameters);
        forwarded.remove(CLUSTER_ORG);
        forwarded.remove(CLUSTER_SPACE);
        return forwarded;
    }

    /**
     * The {@code X-Broker-API-Originating-Identity} header to forward: the platform's, as the OSB layer passed it;
     * without one, one rebuilt from the requesting user's id when known.
     */
    private static @Nullable String originatingIdentity(@Nullable String header, @Nullable String requester) {
        if (header != null && !header.isBlank()) {
            return header;
        }
        if (requester == null) {
            return null;
        }
        String json = "{\"user_id\":\"" + requester.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return "cloudfoundry " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String name(InstanceRecord cluster) {
        return cluster.instanceName() == null ? cluster.id() : cluster.instanceName();
    }

    private static String required(@Nullable String bindingId) {
        if (bindingId == null) {
            throw new IllegalStateException("a binding operation has no binding id");
        }
        return bindingId;
    }

    // ------------------------------------------------------------------ deadlines and vanished clusters

    /**
     * Fails every delegated operation still in progress past its deadline (the periodic recovery's pass): each is
     * asked about once more, and failed if the cluster broker still does not say it ended, with the same effect as a
     * failure it reported. Returns how many ended in this pass; an operation that fails to end is logged and left to
     * the next pass.
     */
    public int failOverdue() {
        int ended = 0;
        for (DelegatedOperation operation : operations.overdue()) {
            try {
                if (poll(operation).state() != OperationState.IN_PROGRESS) {
                    ended++;
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "delegated operation {} is overdue and could not be ended: {}", operation.id(), e.getMessage());
            }
        }
        return ended;
    }

    /**
     * Fails an operation the cluster broker did not finish in time: a creation is undone here as after a reported
     * failure; a deletion leaves the child (binding) in place, to be deleted again.
     */
    private LastOperation timedOut(DelegatedOperation operation, String clusterName, @Nullable String lastWord) {
        giveUp(operation);
        LOG.warn(
                "delegated {} of service instance {} timed out: cluster {}'s broker did not finish within {}",
                operation.kind().wire(),
                operation.instanceId(),
                clusterName,
                operation.allowed());
        return end(
                operation,
                OperationState.FAILED,
                "the cluster broker of cluster " + clusterName + " did not finish within " + operation.allowed()
                        + (lastWord == null || lastWord.isBlank() ? "" : ": " + lastWord)
                        + (operation.kind() == Kind.DEPROVISION || operation.kind() == Kind.UNBIND
                                ? " (nothing was deleted here: try again)"
                                : ""));
    }

    /**
     * Ends an operation whose child or cluster is no longer stored (e.g. removed by an operator after a platform
     * purge): nothing is left to ask, so a deletion succeeds here (the child or binding is marked deleted) and a
     * creation fails.
     */
    private LastOperation clusterGone(DelegatedOperation operation, Optional<InstanceRecord> child) {
        String cluster = child.map(InstanceRecord::clusterId).orElse(null);
        String gone = child.isEmpty()
                ? "service instance " + operation.instanceId() + " is no longer stored"
                : "cluster " + cluster + " no longer exists";
        String bindingId = operation.bindingId();
        LOG.warn(
                "delegated {} of service instance {} ends without asking the cluster broker: {}",
                operation.kind().wire(),
                operation.instanceId(),
                gone);
        switch (operation.kind()) {
            case DEPROVISION -> {
                children.markChildDeleted(operation.instanceId());
                return end(operation, OperationState.SUCCEEDED, "deleted here only: " + gone);
            }
            case UNBIND -> {
                bindings.markBindingDeleted(required(bindingId));
                return end(operation, OperationState.SUCCEEDED, "deleted here only: " + gone);
            }
            default -> {
                giveUp(operation);
                return end(operation, OperationState.FAILED, gone);
            }
        }
    }

    // ------------------------------------------------------------------ dashboard

    /**
     * What the cluster broker is still doing to a child, for the cluster's dashboard: {@code creating (cluster
     * broker)} or {@code deleting (cluster broker)}; empty when no delegated operation of the child is in progress.
     */
    @Override
    public Optional<String> operationInProgress(String instanceId) {
        return operations
                .latestOfInstance(instanceId)
                .filter(operation -> operation.state() == OperationState.IN_PROGRESS)
                .map(operation ->
                        (operation.kind() == Kind.DEPROVISION ? "deleting" : "creating") + " (cluster broker)");
    }

    // ------------------------------------------------------------------ stuck creates

    /** None: every asynchronous operation has a deadline ({@link #failOverdue}), which ends a create that stalled. */
    @Override
    public Optional<StuckRecovery> stuckRecovery() {
        return Optional.empty();
    }

    /** The child's cluster, unless its row is gone or deleted. */
    private Optional<InstanceRecord> liveCluster(InstanceRecord child) {
        return Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .filter(cluster -> cluster.status() != InstanceStatus.DELETED);
    }
}
