package io.dedicate.broker.cluster;

import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Update;
import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.ChildrenExistException;
import io.dedicate.broker.state.InstanceExistsException;
import io.dedicate.broker.state.InstanceGoneException;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceSettings;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationInProgressException;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.broker.state.Placement;
import io.dedicate.broker.state.QuotaExceededException;
import io.dedicate.bundle.JsonStrings;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import io.dedicate.bundle.render.InstanceIdentity;
import io.dedicate.bundle.render.OperationContext;
import io.dedicate.bundle.render.OperationRenderer;
import io.dedicate.bundle.render.RenderedOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerAsyncRequiredException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerMaintenanceInfoConflictException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceExistsException;

/**
 * A cluster's life as operations: provision ({@code deploy}), update, upgrade, recreate and
 * delete. Each accepted request checks its input completely (IDs, plan, parameters, rendering)
 * before anything is stored, then stores the operation with its rendered files in one transaction,
 * then commits them to the deployment repository ({@link OperationCommitter}). Errors are the
 * framework's OSB exceptions, mapped to statuses by {@code OsbErrorAdvice}.
 */
public final class ClusterLifecycle {

    /** The built-in update parameter that asks for the recreate pipeline. */
    static final String RECREATE = BuiltInParameter.RECREATE.parameterName();

    private final LoadedBundle bundle;
    private final ParameterValidator validator;
    private final OperationRenderer renderer;
    private final InstanceStore instances;
    private final OperationStore operations;
    private final OperationCommitter committer;
    private final SecretBox secrets;
    private final OperationLinks links;
    private final DeleteProtection deleteProtection;
    private final String gitUri;
    private final String gitBranch;
    private final Clock clock;
    private final Duration defaultTimeout;
    private final ClusterSharing sharing;

    public ClusterLifecycle(
            LoadedBundle bundle,
            ParameterValidator validator,
            OperationRenderer renderer,
            InstanceStore instances,
            OperationStore operations,
            OperationCommitter committer,
            SecretBox secrets,
            OperationLinks links,
            DeleteProtection deleteProtection,
            String gitUri,
            String gitBranch,
            Clock clock,
            Duration defaultTimeout) {
        this.bundle = bundle;
        this.validator = validator;
        this.renderer = renderer;
        this.instances = instances;
        this.operations = operations;
        this.committer = committer;
        this.secrets = secrets;
        this.links = links;
        this.deleteProtection = deleteProtection;
        this.gitUri = gitUri;
        this.gitBranch = gitBranch;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
        this.sharing = new ClusterSharing(instances, validator);
    }

    // ------------------------------------------------------------------ provision

    /** Provisions a cluster: 202 with the deploy operation, or 200/202 again for the same request. */
    public Accepted provision(Provision request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        Placement placement = request.placement();
        PathSegments.require("organization guid", placement.orgGuid());
        PathSegments.require("space guid", placement.spaceGuid());
        OfferingModel offering = offering(request.serviceId());
        PlanModel plan = plan(offering, request.planId());
        requireCluster(plan, "create");
        if (!request.asyncAccepted()) {
            throw new ServiceBrokerAsyncRequiredException(
                    "clusters are deployed asynchronously: send the request with accepts_incomplete=true");
        }
        String digest = RequestDigest.of(request);
        Optional<InstanceRecord> existing = instances.findInstance(instanceId);
        if (existing.isPresent()) {
            return sameCreateAgain(existing.get(), digest);
        }
        String maintenance = offering.maintenanceInfo().version();
        if (request.maintenanceVersion() != null
                && !request.maintenanceVersion().equals(maintenance)) {
            throw new ServiceBrokerMaintenanceInfoConflictException("maintenance_info.version "
                    + request.maintenanceVersion() + " is not the catalog's (" + maintenance
                    + "): fetch the catalog again");
        }
        ValidatedParameters parameters = validator.clusterCreate(offering, plan, request.parameters());
        ClusterSharing.checkScope(
                offering,
                placement.orgGuid(),
                placement.orgName(),
                parameters.values().get(ClusterSharing.GRANTS));
        String gitPath = placement.orgGuid() + "/" + placement.spaceGuid() + "/" + instanceId;
        InstanceIdentity identity = new InstanceIdentity(
                instanceId,
                placement.instanceName(),
                placement.orgName(),
                placement.spaceName(),
                placement.orgGuid(),
                placement.spaceGuid());
        String operationId = UUID.randomUUID().toString();
        RenderedOperation rendered = renderer.render(new OperationContext(
                offering,
                plan,
                identity,
                parameters.values(),
                operationId,
                OperationKind.DEPLOY.wire(),
                links.reportUrl(operationId),
                gitUri,
                gitBranch,
                gitPath));
        Instant now = clock.instant();
        String publicJson = StateJson.write(parameters.publicValues());
        String sealedSecrets = sealParameters(instanceId, parameters.secretValues());
        InstanceSettings settings = new InstanceSettings(plan.id(), publicJson, sealedSecrets, maintenance);
        InstanceRecord instance =
                InstanceRecord.newCluster(instanceId, offering.id(), placement, settings, digest, gitPath, now);
        OperationRecord operation = OperationRecord.deploy(
                operationId,
                instanceId,
                "deploying " + plan.name() + " cluster",
                settings,
                new OperationRecord.Origin(digest, request.requester()),
                StateJson.writeFiles(rendered.files(gitPath)),
                now,
                timeout(plan));
        try {
            createWithinQuota(offering, placement, instance, operation);
        } catch (InstanceExistsException raced) {
            return sameCreateAgain(instances.findInstance(instanceId).orElseThrow(() -> raced), digest);
        }
        committer.commit(operation, instance, commitMessage(operation, instance, plan));
        return new Accepted(operationId, links.dashboardUrl(instanceId), false);
    }

    private Accepted sameCreateAgain(InstanceRecord existing, String digest) {
        if (!existing.requestDigest().equals(digest)) {
            throw new ServiceInstanceExistsException(
                    "service instance " + existing.id()
                            + " already exists with other attributes (service, plan, space or parameters)",
                    existing.serviceId());
        }
        if (existing.status() == InstanceStatus.READY) {
            return new Accepted(null, links.dashboardUrl(existing.id()), true);
        }
        if (existing.status() == InstanceStatus.CREATING && existing.activeOperationId() != null) {
            return new Accepted(existing.activeOperationId(), links.dashboardUrl(existing.id()), true);
        }
        throw new ServiceInstanceExistsException(
                "service instance " + existing.id() + " already exists and is "
                        + existing.status().wire() + ": delete it before creating it again",
                existing.serviceId());
    }

    // ------------------------------------------------------------------ update

    /**
     * Updates a cluster: a plan change along the offering's upgrade paths, new parameter values, a
     * {@code maintenance_info} upgrade or {@code recreate: true}. A request that changes nothing
     * but the names in its context is answered at once (200, no operation).
     */
    public Accepted update(Update request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        InstanceRecord instance = instances
                .findInstance(instanceId)
                .filter(i -> i.status() != InstanceStatus.DELETED)
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                        "service instance " + instanceId + " does not exist"));
        if (!instance.serviceId().equals(request.serviceId())) {
            throw new ServiceBrokerInvalidParametersException("service instance " + instanceId + " belongs to service "
                    + instance.serviceId() + ", not " + request.serviceId());
        }
        OfferingModel offering = offering(instance.serviceId());
        PlanModel current = plan(offering, instance.planId());
        requireCluster(current, "update");
        if (!request.asyncAccepted()) {
            throw new ServiceBrokerAsyncRequiredException(
                    "cluster updates run asynchronously: send the request with accepts_incomplete=true");
        }
        PlanModel target = targetPlan(offering, current, request.planId());
        boolean recreate = Boolean.TRUE.equals(request.parameters().get(RECREATE));
        String maintenance = offering.maintenanceInfo().version();
        String requestedVersion = request.maintenanceVersion();
        boolean upgrade = requestedVersion != null && !requestedVersion.equals(instance.maintenanceVersion());
        if (upgrade && !maintenance.equals(requestedVersion)) {
            throw new ServiceBrokerMaintenanceInfoConflictException("maintenance_info.version " + requestedVersion
                    + " is not offered: the catalog offers " + maintenance);
        }
        Map<String, Object> requested = new LinkedHashMap<>(request.parameters());
        if (recreate && (requested.size() > 1 || !target.id().equals(current.id()) || upgrade)) {
            throw new ServiceBrokerInvalidParametersException(
                    "`recreate: true` must be sent alone: no plan change, no other parameter, no upgrade");
        }
        boolean planChange = !target.id().equals(current.id());
        if (!planChange && !upgrade && requested.isEmpty()) {
            rename(instanceId, request.placement());
            return new Accepted(null, links.dashboardUrl(instanceId), false);
        }
        if (instance.status() == InstanceStatus.CREATE_FAILED) {
            throw new ServiceBrokerInvalidParametersException(
                    "service instance " + instanceId + " failed to be created: delete it and create it again");
        }
        if (instance.status() != InstanceStatus.READY) {
            throw new ServiceBrokerConcurrencyException("service instance " + instanceId + " is "
                    + instance.status().wire() + ": it can be updated once it is ready");
        }
        if (requested.containsKey(ClusterSharing.GRANTS)) {
            Accepted replaced = replaceGrants(offering, current, instance, requested, planChange || upgrade);
            rename(instanceId, request.placement());
            return replaced;
        }
        Map<String, Object> currentValues = new LinkedHashMap<>(StateJson.readMap(instance.parametersJson()));
        currentValues.putAll(openParameters(instanceId, instance.sealedSecretParameters()));
        ValidatedParameters parameters = validator.clusterUpdate(offering, target, requested, currentValues);
        Map<String, Object> values = new LinkedHashMap<>(parameters.values());
        values.remove(RECREATE);
        Map<String, Object> publicValues = new LinkedHashMap<>(parameters.publicValues());
        publicValues.remove(RECREATE);
        OperationKind kind = recreate ? OperationKind.RECREATE : upgrade ? OperationKind.UPGRADE : OperationKind.UPDATE;
        if (offering.templates().pipelines().get(kind.wire()) == null) {
            throw new ServiceBrokerInvalidParametersException(
                    "offering " + offering.name() + " has no " + kind.wire() + " pipeline");
        }
        String description = switch (kind) {
            case RECREATE -> "recreating the cluster's VMs";
            case UPGRADE -> "upgrading to " + maintenance;
            default -> planChange ? "changing plan from " + current.name() + " to " + target.name() : "updating";
        };
        Accepted started = startOperation(
                offering,
                target,
                instance,
                kind,
                values,
                StateJson.write(publicValues),
                sealParameters(instanceId, parameters.secretValues()),
                upgrade ? maintenance : null,
                request.requester(),
                description);
        rename(instanceId, request.placement());
        return started;
    }

    /**
     * Stores the names of an accepted update's context; only once it is accepted, so that a refused update changes
     * nothing at all.
     */
    private void rename(String instanceId, @Nullable Placement placement) {
        if (placement != null) {
            instances.updateNames(instanceId, placement.orgName(), placement.spaceName(), placement.instanceName());
        }
    }

    private PlanModel targetPlan(OfferingModel offering, PlanModel current, @Nullable String planId) {
        if (planId == null || planId.equals(current.id())) {
            return current;
        }
        PlanModel target = offering.plan(planId)
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                        "plan " + planId + " is not a plan of service " + offering.name()));
        if (!current.upgradesTo().contains(target.name())) {
            throw new ServiceBrokerInvalidParametersException("plan change from " + current.name() + " to "
                    + target.name() + " is not allowed: "
                    + (current.upgradesTo().isEmpty()
                            ? current.name() + " cannot change plan"
                            : "allowed targets: " + String.join(", ", current.upgradesTo())));
        }
        return target;
    }

    // ------------------------------------------------------------------ delete

    /** Deletes a cluster: 202 with the delete operation; 410 once it is gone. */
    public Accepted delete(Delete request) {
        String instanceId = PathSegments.require("service instance id", request.instanceId());
        InstanceRecord instance = instances
                .findInstance(instanceId)
                .filter(i -> i.status() != InstanceStatus.DELETED)
                .orElseThrow(() -> new InstanceGone(instanceId));
        OfferingModel offering = offering(instance.serviceId());
        PlanModel plan = plan(offering, instance.planId());
        requireCluster(plan, "delete");
        if (!request.asyncAccepted()) {
            throw new ServiceBrokerAsyncRequiredException(
                    "clusters are deleted asynchronously: send the request with accepts_incomplete=true");
        }
        if (instance.status() == InstanceStatus.DELETING && instance.activeOperationId() != null) {
            return new Accepted(instance.activeOperationId(), null, true);
        }
        deleteProtection.check(instance);
        Map<String, Object> values = new LinkedHashMap<>(StateJson.readMap(instance.parametersJson()));
        values.putAll(openParameters(instanceId, instance.sealedSecretParameters()));
        return startOperation(
                offering,
                plan,
                instance,
                OperationKind.DELETE,
                values,
                instance.parametersJson(),
                instance.sealedSecretParameters(),
                null,
                request.requester(),
                "deleting the cluster");
    }

    // ------------------------------------------------------------------ shared

    private Accepted startOperation(
            OfferingModel offering,
            PlanModel plan,
            InstanceRecord instance,
            OperationKind kind,
            Map<String, Object> values,
            String publicJson,
            @Nullable String sealedSecrets,
            @Nullable String targetMaintenance,
            @Nullable String requester,
            String description) {
        String operationId = UUID.randomUUID().toString();
        RenderedOperation rendered = renderer.render(new OperationContext(
                offering,
                plan,
                identity(instance),
                values,
                operationId,
                kind.wire(),
                links.reportUrl(operationId),
                gitUri,
                gitBranch,
                instance.gitPath()));
        Instant now = clock.instant();
        OperationRecord operation = OperationRecord.onExisting(
                operationId,
                instance.id(),
                kind,
                description,
                new InstanceSettings(plan.id(), publicJson, sealedSecrets, targetMaintenance),
                new OperationRecord.Origin(
                        RequestDigest.of(
                                instance.serviceId(), plan.id(), instance.orgGuid(), instance.spaceGuid(), values),
                        requester),
                StateJson.writeFiles(rendered.files(instance.gitPath())),
                now,
                timeout(plan));
        try {
            operations.startOperation(operation);
        } catch (OperationInProgressException e) {
            throw new ServiceBrokerConcurrencyException("service instance " + instance.id()
                    + " has an operation in progress (" + e.activeOperationId() + "): try again when it ends");
        } catch (InstanceGoneException e) {
            throw new InstanceGone(instance.id());
        } catch (ChildrenExistException e) {
            throw DeleteProtection.refusal(e.children());
        }
        committer.commit(operation, instance, commitMessage(operation, instance, plan));
        return new Accepted(
                operationId, kind == OperationKind.DELETE ? null : links.dashboardUrl(instance.id()), false);
    }

    private OfferingModel offering(String serviceId) {
        return CatalogLookup.offering(bundle, serviceId);
    }

    private static PlanModel plan(OfferingModel offering, String planId) {
        return CatalogLookup.plan(offering, planId);
    }

    private static void requireCluster(PlanModel plan, String action) {
        if (!plan.isCluster()) {
            throw new ServiceBrokerInvalidParametersException("plan " + plan.name()
                    + " is a child plan (a database inside a cluster): this broker version cannot " + action
                    + " child instances yet");
        }
    }

    private Duration timeout(PlanModel plan) {
        Long seconds = plan.maxPollingSeconds();
        return seconds == null ? defaultTimeout : Duration.ofSeconds(seconds);
    }

    private @Nullable String sealParameters(String instanceId, Map<String, Object> secretValues) {
        return secretValues.isEmpty()
                ? null
                : secrets.seal(StateJson.write(secretValues), parametersContext(instanceId));
    }

    private Map<String, Object> openParameters(String instanceId, @Nullable String sealed) {
        return sealed == null ? Map.of() : StateJson.readMap(secrets.open(sealed, parametersContext(instanceId)));
    }

    public static String parametersContext(String instanceId) {
        return "instance:" + instanceId + ":parameters";
    }

    private static InstanceIdentity identity(InstanceRecord instance) {
        return new InstanceIdentity(
                instance.id(),
                instance.instanceName(),
                instance.orgName(),
                instance.spaceName(),
                instance.orgGuid(),
                instance.spaceGuid());
    }

    /**
     * The commit message of an operation. Every name the platform or a user chose (instance, org, space, requester) is
     * written as a JSON string ({@link #quoted}), so that no newline or control character in a name can forge a line
     * (a trailer such as {@code Requested-By:}) in {@code git log}.
     */
    static String commitMessage(OperationRecord operation, InstanceRecord instance, PlanModel plan) {
        String name = instance.instanceName() == null ? "" : " " + quoted(instance.instanceName());
        return operation.kind().wire() + " " + plan.name() + " cluster " + instance.id() + name + "\n\n"
                + "Operation: " + operation.kind().wire() + " " + operation.id() + "\n"
                + "Instance: " + instance.id() + " in org "
                + (instance.orgName() == null ? instance.orgGuid() : quoted(instance.orgName()))
                + ", space " + (instance.spaceName() == null ? instance.spaceGuid() : quoted(instance.spaceName()))
                + "\n"
                + "Plan: " + plan.name() + " (" + plan.id() + ")\n"
                + "Requested-By: " + (operation.requester() == null ? "unknown" : quoted(operation.requester()))
                + "\n";
    }

    /**
     * {@code name} as a JSON string on one line: JSON's escapes for the quote, the backslash and C0 controls
     * ({@code \n} included), and {@code \}{@code uXXXX} for DEL and C1 controls too (terminals act on them).
     */
    static String quoted(String name) {
        String json = JsonStrings.quote(name);
        StringBuilder out = new StringBuilder(json.length());
        json.codePoints().forEach(c -> {
            if (c >= 0x7f && c <= 0x9f) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    // ------------------------------------------------------------------ sharing and quotas

    /** Stores a new cluster, within the offering's {@code clusters_per_org} quota when it has one (422 beyond). */
    private void createWithinQuota(
            OfferingModel offering, Placement placement, InstanceRecord instance, OperationRecord operation) {
        Integer limit = offering.limits().clustersPerOrg();
        if (limit == null) {
            instances.createInstance(instance, operation);
            return;
        }
        try {
            instances.createInstanceWithinQuota(instance, operation, limit);
        } catch (QuotaExceededException e) {
            if (instances.findInstance(instance.id()).isPresent()) {
                // the same request, sent twice at once, took the place: answer it as the same create again
                throw new InstanceExistsException(instance.id());
            }
            throw Quotas.clustersRefusal(offering, placement, e.count(), e.limit());
        }
    }

    /** An update of the cluster's {@code grants}: applied at once (200), and only when sent alone. */
    private Accepted replaceGrants(
            OfferingModel offering,
            PlanModel plan,
            InstanceRecord instance,
            Map<String, Object> requested,
            boolean planChangeOrUpgrade) {
        if (requested.size() > 1 || planChangeOrUpgrade) {
            throw new ServiceBrokerInvalidParametersException("`" + ClusterSharing.GRANTS
                    + "` must be sent alone: it changes at once, without a deployment; send the other changes in"
                    + " another update");
        }
        sharing.replaceGrants(offering, plan, instance, requested);
        return new Accepted(null, links.dashboardUrl(instance.id()), false);
    }
}
