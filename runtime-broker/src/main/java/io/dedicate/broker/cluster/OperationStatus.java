package io.dedicate.broker.cluster;

import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.InstanceNotFound;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.InstanceKind;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.OperationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * What the platform polls and fetches: the state of an operation ({@code last_operation}) and an
 * instance's plan, parameters (secrets masked) and dashboard. An operation still in progress past
 * its deadline (the plan's {@code max_polling}) is failed here as timed out, so the answer never
 * depends on the periodic sweep having run.
 */
public final class OperationStatus {

    /** What a secret parameter shows in GET responses. */
    public static final String MASK = "(secret)";

    private final InstanceStore instances;
    private final OperationStore operations;
    private final SecretBox secrets;
    private final OperationLinks links;
    private final Clock clock;
    private final @Nullable ClusterCascade cascade;

    public OperationStatus(
            InstanceStore instances, OperationStore operations, SecretBox secrets, OperationLinks links, Clock clock) {
        this(instances, operations, secrets, links, clock, null);
    }

    /**
     * @param cascade what a child's GET adds to its parameters about its cluster (see {@link
     *     ClusterCascade}); null: nothing
     */
    public OperationStatus(
            InstanceStore instances,
            OperationStore operations,
            SecretBox secrets,
            OperationLinks links,
            Clock clock,
            @Nullable ClusterCascade cascade) {
        this.instances = instances;
        this.operations = operations;
        this.secrets = secrets;
        this.links = links;
        this.clock = clock;
        this.cascade = cascade;
    }

    /** An operation's state as OSB's last_operation reports it. */
    public record LastOperation(OperationKind kind, OperationState state, String description) {}

    /** An instance as OSB's GET instance reports it. */
    public record InstanceView(String serviceId, String planId, String dashboardUrl, Map<String, Object> parameters) {}

    /**
     * The state of {@code operationId} (or of the instance's latest operation when null). Once a
     * delete succeeded the answer is 410 Gone ({@link InstanceGone}), which the platform takes as
     * the end of the deletion.
     */
    public LastOperation lastOperation(String instanceId, @Nullable String operationId) {
        PathSegments.require("service instance id", instanceId);
        InstanceRecord instance = instances
                .findInstance(instanceId)
                .orElseThrow(() -> new InstanceNotFound("service instance " + instanceId + " does not exist"));
        OperationRecord operation;
        if (operationId != null) {
            operation = operations
                    .findOperation(operationId)
                    .filter(o -> o.instanceId().equals(instanceId))
                    .orElseThrow(() -> new ServiceBrokerInvalidParametersException("operation "
                            + PathSegments.printable(operationId) + " is not an operation of service instance "
                            + instanceId));
        } else {
            List<OperationRecord> latest = operations.history(instanceId, 1);
            if (latest.isEmpty()) {
                throw new InstanceNotFound("service instance " + instanceId + " has no operation");
            }
            operation = latest.get(0);
        }
        if (instance.status() == InstanceStatus.DELETED) {
            throw new InstanceGone(instanceId);
        }
        operation = failIfOverdue(operation);
        if (operation.kind() == OperationKind.DELETE && operation.state() == OperationState.SUCCEEDED) {
            throw new InstanceGone(instanceId);
        }
        String description = operation.description() == null ? operation.state().wire() : operation.description();
        return new LastOperation(operation.kind(), operation.state(), description);
    }

    /** Fails every in-progress operation past its deadline; returns how many. */
    public int failOverdue() {
        int failed = 0;
        for (OperationRecord operation : operations.overdueOperations(clock.instant())) {
            if (failIfOverdue(operation).state() == OperationState.FAILED) {
                failed++;
            }
        }
        return failed;
    }

    private OperationRecord failIfOverdue(OperationRecord operation) {
        Instant now = clock.instant();
        if (operation.state() != OperationState.IN_PROGRESS || !now.isAfter(operation.deadlineAt())) {
            return operation;
        }
        Duration limit = Duration.between(operation.startedAt(), operation.deadlineAt());
        operations.finishOperation(
                operation.id(),
                OperationState.FAILED,
                operation.kind().wire() + " timed out: the pipeline did not report within " + human(limit)
                        + " (the plan's maximum); see " + links.dashboardUrl(operation.instanceId()),
                null,
                null);
        return operations.findOperation(operation.id()).orElse(operation);
    }

    /**
     * The instance as GET reports it: 404 while it is being created, after a failed create (also while such an
     * instance is being deleted), once deleted, and for an ID this broker never accepts (OSB lists no 400 for this
     * endpoint); 422 {@code ConcurrencyError} while it is being updated; as it is while it is being deleted (it exists
     * until the delete succeeds). A
     * child's parameters also name its cluster, the cluster's plan and the latest cluster update
     * that affected the child ({@link ClusterCascade}).
     */
    public InstanceView instance(String instanceId) {
        if (!PathSegments.isSafe(instanceId)) {
            throw new InstanceNotFound("service instance id `" + PathSegments.printable(instanceId)
                    + "` is not accepted by this broker, so no such instance exists");
        }
        InstanceRecord instance = instances
                .findInstance(instanceId)
                .orElseThrow(() -> new InstanceNotFound("service instance " + instanceId + " does not exist"));
        switch (instance.status()) {
            case CREATING -> throw new InstanceNotFound("service instance " + instanceId + " is still being created");
            case CREATE_FAILED ->
                throw new InstanceNotFound("service instance " + instanceId + " failed to be created");
            case DELETED -> throw new InstanceNotFound("service instance " + instanceId + " was deleted");
            case DELETING -> {
                // OSB 2.17 names no answer for a fetch during a deprovision: 422 ConcurrencyError is for "being
                // updated", 404 for an instance that "does not exist" or whose provisioning is still in progress. An
                // instance being deleted still exists (a failed delete leaves it, and the platform "MUST continue to
                // remember" it on any non-200), so it is answered as it is; one whose create failed never existed.
                if (instance.kind() == InstanceKind.CLUSTER && !operations.wasDeployed(instanceId)) {
                    throw new InstanceNotFound(
                            "service instance " + instanceId + " failed to be created and is being deleted");
                }
            }
            default -> {}
        }
        if (instance.status() == InstanceStatus.READY && instance.activeOperationId() != null) {
            // OSB 2.17, "Fetching a Service Instance": 422 "MUST be returned if the Service Instance is being updated
            // and therefore cannot be fetched at this time", with error code ConcurrencyError
            throw new ServiceBrokerConcurrencyException("service instance " + instanceId
                    + " is being updated (operation " + instance.activeOperationId()
                    + ") and therefore cannot be fetched at this time: fetch it once the operation ends");
        }
        Map<String, Object> parameters = new LinkedHashMap<>(StateJson.readMap(instance.parametersJson()));
        String sealed = instance.sealedSecretParameters();
        if (sealed != null) {
            for (String name : StateJson.readMap(secrets.open(sealed, ClusterLifecycle.parametersContext(instanceId)))
                    .keySet()) {
                parameters.put(name, MASK);
            }
        }
        if (cascade != null && instance.kind() == InstanceKind.CHILD) {
            parameters.putAll(cascade.childParameters(instance));
        }
        // a child's dashboard is its cluster's, which lists every child
        String dashboard = links.dashboardUrl(instance.clusterId() == null ? instanceId : instance.clusterId());
        return new InstanceView(instance.serviceId(), instance.planId(), dashboard, parameters);
    }

    private static String human(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % 60 == 0 && minutes >= 60) {
            return (minutes / 60) + "h";
        }
        return minutes >= 1 ? minutes + "m" : duration.toSeconds() + "s";
    }
}
