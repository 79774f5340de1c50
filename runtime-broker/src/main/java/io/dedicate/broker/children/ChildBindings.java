package io.dedicate.broker.children;

import io.dedicate.broker.cluster.CatalogLookup;
import io.dedicate.broker.cluster.LifecycleRequests.Bind;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.cluster.LifecycleRequests.Unbind;
import io.dedicate.broker.cluster.OperationStatus;
import io.dedicate.broker.cluster.RequestDigest;
import io.dedicate.broker.cluster.StateJson;
import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.InstanceNotFound;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStatus;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.InstanceKind;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * The bindings of child instances: bind, unbind, fetch (bindings are retrievable) and their {@code last_operation}.
 * The child's plan's driver ({@link ChildDriver}) makes and removes the binding on the cluster; the rules that hold for
 * every driver are here: the child must be ready, the binding is claimed ({@code creating}) before the driver works,
 * and a bind repeated with an existing binding's ID gets one answer whatever the driver ({@link #storedBinding}).
 * Credentials are kept sealed, so that the same bind again and a {@code GET} answer the same ones.
 */
public final class ChildBindings {

    private final LoadedBundle bundle;
    private final ParameterValidator validator;
    private final InstanceStore instances;
    private final BindingStore bindings;
    private final SecretBox secrets;
    private final ChildDrivers drivers;

    public ChildBindings(
            LoadedBundle bundle,
            ParameterValidator validator,
            InstanceStore instances,
            BindingStore bindings,
            SecretBox secrets,
            ChildDrivers drivers) {
        this.bundle = bundle;
        this.validator = validator;
        this.instances = instances;
        this.bindings = bindings;
        this.secrets = secrets;
        this.drivers = drivers;
    }

    // ------------------------------------------------------------------ bind

    /**
     * Binds a child: 201 with its credentials (202 when its driver binds asynchronously); 200 with the same ones for
     * the same bind.
     */
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
        OfferingModel offering = CatalogLookup.offering(bundle, child.serviceId());
        PlanModel plan = CatalogLookup.plan(offering, child.planId());
        String digest =
                RequestDigest.of(request.serviceId(), request.planId(), instanceId, bindingId, request.parameters());
        ChildDrivers.Chosen chosen = drivers.forPlan(plan);
        Optional<BindingRecord> existing = bindings.findBinding(bindingId);
        if (existing.isPresent() && existing.get().status() != BindingStatus.DELETED) {
            return sameBindAgain(existing.get(), child, chosen.driver(), digest);
        }
        ValidatedParameters parameters = validator.bindingCreate(offering, plan, request.parameters());
        ChildDriver.BindingCreation creation = chosen.driver().binding(request, child, parameters, chosen.declared());
        if (!bindings.claimBinding(bindingId, instanceId, creation.username(), digest)) {
            return sameBindAgain(bindings.findBinding(bindingId).orElseThrow(), child, chosen.driver(), digest);
        }
        return creation.create().get();
    }

    /**
     * The answer to a bind repeated with an existing binding's ID: {@link #storedBinding}, else 202 again while the
     * driver still makes it asynchronously, else 422 (another request is making it).
     */
    private Bound sameBindAgain(BindingRecord binding, InstanceRecord child, ChildDriver driver, String digest) {
        Optional<Bound> stored = storedBinding(secrets, binding, child.id(), digest);
        if (stored.isPresent()) {
            return stored.get();
        }
        return driver.bindInProgress(child, binding.id())
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

    // ------------------------------------------------------------------ unbind

    /**
     * Unbinds through the child's driver (the {@code mysql} driver drops the binding's user), 200; 410 if there is no
     * such binding. Returns the operation to poll when the driver unbinds asynchronously (202), else null.
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
        ChildDrivers.Chosen chosen = drivers.forUnbind(child);
        return chosen.driver().unbind(request, binding, child, chosen.declared());
    }

    /** The AES-GCM associated data of a binding's sealed credentials. */
    public static String bindingContext(String bindingId) {
        return "binding:" + bindingId;
    }

    // ------------------------------------------------------------------ retrievable bindings

    /**
     * The credentials of a ready binding of the child {@code instanceId}, unsealed for the platform's {@code GET}
     * (bindings are retrievable), whatever its driver: every driver stores a binding's credentials sealed once it is
     * made.
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

    /**
     * The {@code last_operation} of a child's asynchronous bind or unbind by its driver; empty when the binding has no
     * such operation.
     */
    public Optional<OperationStatus.LastOperation> driverLastOperation(
            String instanceId, String bindingId, @Nullable String operationId) {
        if (!PathSegments.isSafe(instanceId) || !PathSegments.isSafe(bindingId)) {
            return Optional.empty();
        }
        return drivers.bindingLastOperation(instanceId, bindingId, operationId);
    }
}
