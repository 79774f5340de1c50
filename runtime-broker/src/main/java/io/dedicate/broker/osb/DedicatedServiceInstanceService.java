package io.dedicate.broker.osb;

import io.dedicate.broker.children.ChildLifecycle;
import io.dedicate.broker.cluster.ClusterLifecycle;
import io.dedicate.broker.cluster.LifecycleRequests;
import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.OperationStatus;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.state.Placement;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.model.CloudFoundryContext;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.model.catalog.MaintenanceInfo;
import org.springframework.cloud.servicebroker.model.instance.CreateServiceInstanceRequest;
import org.springframework.cloud.servicebroker.model.instance.CreateServiceInstanceResponse;
import org.springframework.cloud.servicebroker.model.instance.DeleteServiceInstanceRequest;
import org.springframework.cloud.servicebroker.model.instance.DeleteServiceInstanceResponse;
import org.springframework.cloud.servicebroker.model.instance.GetLastServiceOperationRequest;
import org.springframework.cloud.servicebroker.model.instance.GetLastServiceOperationResponse;
import org.springframework.cloud.servicebroker.model.instance.GetServiceInstanceRequest;
import org.springframework.cloud.servicebroker.model.instance.GetServiceInstanceResponse;
import org.springframework.cloud.servicebroker.model.instance.UpdateServiceInstanceRequest;
import org.springframework.cloud.servicebroker.model.instance.UpdateServiceInstanceResponse;
import org.springframework.cloud.servicebroker.service.ServiceInstanceService;
import reactor.core.publisher.Mono;

/**
 * The framework's service-instance API, translated to the {@link ClusterLifecycle} (cluster plans
 * and instances), the {@link ChildLifecycle} (child plans and instances) and {@link
 * OperationStatus}: it reads the OSB {@code context} (org and space GUIDs and names, instance name)
 * and the originating identity (the requesting user), and nothing else.
 */
public final class DedicatedServiceInstanceService implements ServiceInstanceService {

    private final ClusterLifecycle lifecycle;
    private final ChildLifecycle children;
    private final OperationStatus status;

    public DedicatedServiceInstanceService(
            ClusterLifecycle lifecycle, ChildLifecycle children, OperationStatus status) {
        this.lifecycle = lifecycle;
        this.children = children;
        this.status = status;
    }

    /**
     * Reads the org and space from the {@code context}, falling back on the deprecated top-level
     * {@code organization_guid} / {@code space_guid} that older platforms send alone.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Mono<CreateServiceInstanceResponse> createServiceInstance(CreateServiceInstanceRequest request) {
        return Mono.fromCallable(() -> {
            Placement placement =
                    placement(request.getContext(), request.getOrganizationGuid(), request.getSpaceGuid());
            LifecycleRequests.Provision provision = new LifecycleRequests.Provision(
                    request.getServiceInstanceId(),
                    request.getServiceDefinitionId(),
                    request.getPlanId(),
                    request.isAsyncAccepted(),
                    parameters(request.getParameters()),
                    placement,
                    requester(request.getOriginatingIdentity()),
                    OriginatingIdentity.header(request.getOriginatingIdentity()),
                    version(request.getMaintenanceInfo()));
            Accepted accepted = children.isChildPlan(request.getServiceDefinitionId(), request.getPlanId())
                    ? children.provision(provision)
                    : lifecycle.provision(provision);
            return CreateServiceInstanceResponse.builder()
                    .async(accepted.operationId() != null)
                    .operation(accepted.operationId())
                    .dashboardUrl(accepted.dashboardUrl())
                    .instanceExisted(accepted.existed())
                    .build();
        });
    }

    @Override
    public Mono<UpdateServiceInstanceResponse> updateServiceInstance(UpdateServiceInstanceRequest request) {
        return Mono.fromCallable(() -> {
            Context context = request.getContext();
            Placement placement = context instanceof CloudFoundryContext ? placement(context, null, null) : null;
            LifecycleRequests.Update update = new LifecycleRequests.Update(
                    request.getServiceInstanceId(),
                    request.getServiceDefinitionId(),
                    request.getPlanId(),
                    request.isAsyncAccepted(),
                    parameters(request.getParameters()),
                    placement,
                    requester(request.getOriginatingIdentity()),
                    version(request.getMaintenanceInfo()));
            Accepted accepted = children.isChild(request.getServiceInstanceId())
                    ? children.update(update)
                    : lifecycle.update(update);
            return UpdateServiceInstanceResponse.builder()
                    .async(accepted.operationId() != null)
                    .operation(accepted.operationId())
                    .dashboardUrl(accepted.dashboardUrl())
                    .build();
        });
    }

    @Override
    public Mono<DeleteServiceInstanceResponse> deleteServiceInstance(DeleteServiceInstanceRequest request) {
        return Mono.fromCallable(() -> {
            LifecycleRequests.Delete delete = new LifecycleRequests.Delete(
                    request.getServiceInstanceId(),
                    request.getServiceDefinitionId(),
                    request.getPlanId(),
                    request.isAsyncAccepted(),
                    requester(request.getOriginatingIdentity()),
                    OriginatingIdentity.header(request.getOriginatingIdentity()));
            Accepted accepted = children.isChild(request.getServiceInstanceId())
                    ? children.delete(delete)
                    : lifecycle.delete(delete);
            return DeleteServiceInstanceResponse.builder()
                    .async(accepted.operationId() != null)
                    .operation(accepted.operationId())
                    .build();
        });
    }

    @Override
    public Mono<GetLastServiceOperationResponse> getLastOperation(GetLastServiceOperationRequest request) {
        return Mono.fromCallable(() -> {
            OperationStatus.LastOperation last = children.driverLastOperation(
                            request.getServiceInstanceId(), request.getOperation())
                    .orElseGet(() -> status.lastOperation(request.getServiceInstanceId(), request.getOperation()));
            return GetLastServiceOperationResponse.builder()
                    .operationState(
                            switch (last.state()) {
                                case IN_PROGRESS ->
                                    org.springframework.cloud.servicebroker.model.instance.OperationState.IN_PROGRESS;
                                case SUCCEEDED ->
                                    org.springframework.cloud.servicebroker.model.instance.OperationState.SUCCEEDED;
                                case FAILED ->
                                    org.springframework.cloud.servicebroker.model.instance.OperationState.FAILED;
                            })
                    .description(last.description())
                    .build();
        });
    }

    @Override
    public Mono<GetServiceInstanceResponse> getServiceInstance(GetServiceInstanceRequest request) {
        return Mono.fromCallable(() -> {
            OperationStatus.InstanceView view = status.instance(request.getServiceInstanceId());
            return GetServiceInstanceResponse.builder()
                    .serviceDefinitionId(view.serviceId())
                    .planId(view.planId())
                    .dashboardUrl(view.dashboardUrl())
                    .parameters(view.parameters())
                    .build();
        });
    }

    private static Placement placement(
            @Nullable Context context, @Nullable String orgGuid, @Nullable String spaceGuid) {
        if (context instanceof CloudFoundryContext cf) {
            return new Placement(
                    nonNull(cf.getOrganizationGuid() != null ? cf.getOrganizationGuid() : orgGuid),
                    nonNull(cf.getSpaceGuid() != null ? cf.getSpaceGuid() : spaceGuid),
                    ColumnWidths.require("context.organization_name", cf.getOrganizationName(), ColumnWidths.NAME),
                    ColumnWidths.require("context.space_name", cf.getSpaceName(), ColumnWidths.NAME),
                    ColumnWidths.require("context.instance_name", cf.getInstanceName(), ColumnWidths.NAME));
        }
        if (orgGuid == null || spaceGuid == null) {
            throw new ServiceBrokerInvalidParametersException(
                    "the request names no organization and space: send a cloudfoundry `context` with"
                            + " organization_guid and space_guid");
        }
        return new Placement(orgGuid, spaceGuid, null, null, null);
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static Map<String, Object> parameters(@Nullable Map<String, Object> parameters) {
        return parameters == null ? Map.of() : parameters;
    }

    private static @Nullable String version(@Nullable MaintenanceInfo maintenanceInfo) {
        return maintenanceInfo == null ? null : maintenanceInfo.getVersion();
    }

    private static @Nullable String requester(@Nullable Context originatingIdentity) {
        if (originatingIdentity == null) {
            return null;
        }
        Object user = originatingIdentity.getProperty("user_id");
        return user == null ? null : PathSegments.printable(user.toString());
    }
}
