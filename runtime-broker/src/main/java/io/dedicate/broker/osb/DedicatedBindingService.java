package io.dedicate.broker.osb;

import io.dedicate.broker.children.ChildBindings;
import io.dedicate.broker.cluster.LifecycleRequests;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.refusal.InstanceNotFound;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.state.InstanceKind;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.model.binding.CreateServiceInstanceAppBindingResponse;
import org.springframework.cloud.servicebroker.model.binding.CreateServiceInstanceBindingRequest;
import org.springframework.cloud.servicebroker.model.binding.CreateServiceInstanceBindingResponse;
import org.springframework.cloud.servicebroker.model.binding.DeleteServiceInstanceBindingRequest;
import org.springframework.cloud.servicebroker.model.binding.DeleteServiceInstanceBindingResponse;
import org.springframework.cloud.servicebroker.model.binding.GetLastServiceBindingOperationRequest;
import org.springframework.cloud.servicebroker.model.binding.GetLastServiceBindingOperationResponse;
import org.springframework.cloud.servicebroker.model.binding.GetServiceInstanceAppBindingResponse;
import org.springframework.cloud.servicebroker.model.binding.GetServiceInstanceBindingRequest;
import org.springframework.cloud.servicebroker.model.binding.GetServiceInstanceBindingResponse;
import org.springframework.cloud.servicebroker.model.instance.OperationState;
import org.springframework.cloud.servicebroker.service.ServiceInstanceBindingService;
import reactor.core.publisher.Mono;

/**
 * The binding API. Clusters are not bindable: binding one answers 422 with the command that
 * creates a database inside it, which is what an application binds. Databases (child instances)
 * are bound, fetched (bindings are retrievable: the stored credentials) and unbound by the {@link
 * ChildBindings}, synchronously unless their driver works asynchronously; an unknown binding, or one still being created, answers 404.
 */
public final class DedicatedBindingService implements ServiceInstanceBindingService {

    private final LoadedBundle bundle;
    private final InstanceStore instances;
    private final ChildBindings children;

    public DedicatedBindingService(LoadedBundle bundle, InstanceStore instances, ChildBindings children) {
        this.bundle = bundle;
        this.instances = instances;
        this.children = children;
    }

    @Override
    public Mono<CreateServiceInstanceBindingResponse> createServiceInstanceBinding(
            CreateServiceInstanceBindingRequest request) {
        return Mono.fromCallable(() -> {
            String instanceId = PathSegments.require("service instance id", request.getServiceInstanceId());
            PathSegments.require("binding id", request.getBindingId());
            InstanceRecord instance = instances
                    .findInstance(instanceId)
                    .filter(i -> i.status() != InstanceStatus.DELETED)
                    .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                            "service instance " + instanceId + " does not exist"));
            if (instance.kind() == InstanceKind.CLUSTER) {
                throw new OsbRefusal(422, null, clusterNotBindable(instance));
            }
            Bound bound = children.bind(
                    new LifecycleRequests.Bind(
                            instanceId,
                            request.getBindingId(),
                            request.getServiceDefinitionId(),
                            request.getPlanId(),
                            request.getParameters() == null ? Map.of() : request.getParameters(),
                            request.isAsyncAccepted(),
                            PlatformObjects.bindResource(request.getBindResource()),
                            PlatformObjects.context(request.getContext()),
                            OriginatingIdentity.header(request.getOriginatingIdentity())),
                    instance);
            if (bound.operationId() != null) {
                return CreateServiceInstanceAppBindingResponse.builder()
                        .bindingExisted(bound.existed())
                        .async(true)
                        .operation(bound.operationId())
                        .build();
            }
            return CreateServiceInstanceAppBindingResponse.builder()
                    .credentials(bound.credentials())
                    .bindingExisted(bound.existed())
                    .build();
        });
    }

    private String clusterNotBindable(InstanceRecord cluster) {
        OfferingModel offering = bundle.offering(cluster.serviceId()).orElse(null);
        String service = offering == null ? cluster.serviceId() : offering.name();
        String childPlans = offering == null
                ? "PLAN"
                : offering.plans().stream()
                        .filter(plan -> !plan.isCluster())
                        .map(PlanModel::name)
                        .collect(Collectors.joining("|"));
        String name = cluster.instanceName() == null ? cluster.id() : cluster.instanceName();
        return "service instance " + name + " is a dedicated cluster: it cannot be bound. Create a database inside"
                + " it and bind that: cf create-service " + service + " " + (childPlans.isEmpty() ? "PLAN" : childPlans)
                + " MY-DB -c '{\"cluster\": \"" + name + "\"}' && cf bind-service MY-APP MY-DB";
    }

    @Override
    public Mono<GetServiceInstanceBindingResponse> getServiceInstanceBinding(GetServiceInstanceBindingRequest request) {
        return Mono.fromCallable(() -> GetServiceInstanceAppBindingResponse.builder()
                .credentials(children.bindingCredentials(request.getServiceInstanceId(), request.getBindingId()))
                .build());
    }

    @Override
    public Mono<GetLastServiceBindingOperationResponse> getLastOperation(
            GetLastServiceBindingOperationRequest request) {
        return Mono.fromCallable(() -> children.driverLastOperation(
                        request.getServiceInstanceId(), request.getBindingId(), request.getOperation())
                .map(last -> GetLastServiceBindingOperationResponse.builder()
                        .operationState(
                                switch (last.state()) {
                                    case IN_PROGRESS -> OperationState.IN_PROGRESS;
                                    case SUCCEEDED -> OperationState.SUCCEEDED;
                                    case FAILED -> OperationState.FAILED;
                                })
                        .description(last.description())
                        .build())
                .orElseThrow(() -> new InstanceNotFound(
                        "binding " + PathSegments.printable(request.getBindingId()) + " does not exist")));
    }

    @Override
    public Mono<DeleteServiceInstanceBindingResponse> deleteServiceInstanceBinding(
            DeleteServiceInstanceBindingRequest request) {
        return Mono.fromCallable(() -> {
            String operation = children.unbind(new LifecycleRequests.Unbind(
                    request.getServiceInstanceId(),
                    request.getBindingId(),
                    request.isAsyncAccepted(),
                    OriginatingIdentity.header(request.getOriginatingIdentity())));
            return DeleteServiceInstanceBindingResponse.builder()
                    .async(operation != null)
                    .operation(operation)
                    .build();
        });
    }
}
