package io.dedicate.broker.children;

import io.dedicate.broker.cluster.OperationStatus.LastOperation;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.DriverSettings;
import io.dedicate.bundle.model.PlanModel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * The child drivers this broker runs, by the {@link DriverKind} a child plan names in the bundle (the bundle's driver
 * contract; a bundle naming another driver does not load). Built once at start-up; a plan whose driver this broker
 * does not run is refused here (400). A new driver is one {@link DriverKind} in the contract, one {@link ChildDriver}
 * class and one entry here.
 */
public final class ChildDrivers {

    private final LoadedBundle bundle;
    private final Map<DriverKind, ChildDriver> running;
    private final ChildDriver mysql;

    /**
     * Runs {@code mysql} ({@code MysqlChildren}), and {@code delegate} ({@code DelegatedChildren}) unless it is null:
     * plans of that driver are then refused.
     */
    public ChildDrivers(LoadedBundle bundle, ChildDriver mysql, @Nullable ChildDriver delegate) {
        Map<DriverKind, ChildDriver> running = new EnumMap<>(DriverKind.class);
        running.put(DriverKind.MYSQL, mysql);
        if (delegate != null) {
            running.put(DriverKind.DELEGATE, delegate);
        }
        this.bundle = bundle;
        this.running = Collections.unmodifiableMap(running);
        this.mysql = mysql;
    }

    /**
     * A plan's driver: the implementation this broker runs, and the driver as the plan declares it.
     *
     * @param declared the driver's name and the plan's settings for it
     */
    public record Chosen(ChildDriver driver, Driver declared) {}

    /**
     * The driver of a child plan.
     *
     * @throws ServiceBrokerInvalidParametersException (400) when the plan names a driver this broker does not run
     */
    public Chosen forPlan(PlanModel plan) {
        Driver settings = Objects.requireNonNull(plan.driver(), () -> "child plan " + plan.name() + " has no driver");
        ChildDriver driver = running.get(settings.name());
        if (driver != null) {
            return new Chosen(driver, settings);
        }
        throw new ServiceBrokerInvalidParametersException("plan " + plan.name() + " uses the `" + settings.name()
                + "` driver, which is not available yet: use a plan of the `" + DriverKind.MYSQL + "` driver");
    }

    /**
     * The driver of a stored child's plan; empty when the bundle no longer has the plan, the plan names no driver, or
     * one this broker does not run.
     */
    public Optional<Chosen> find(InstanceRecord child) {
        return settingsOf(child)
                .flatMap(settings ->
                        Optional.ofNullable(running.get(settings.name())).map(driver -> new Chosen(driver, settings)));
    }

    /**
     * The driver that unbinds the bindings of a stored child: its plan's. Bindings of a child whose plan the bundle no
     * longer has are unbound by the {@code mysql} driver, the one that ran before others could be named.
     *
     * @throws ServiceBrokerInvalidParametersException (400) when the plan's driver is one this broker does not run
     */
    public Chosen forUnbind(InstanceRecord child) {
        Optional<Driver> settings = settingsOf(child);
        if (settings.isEmpty()) {
            return new Chosen(mysql, new Driver(DriverKind.MYSQL, DriverSettings.NONE));
        }
        DriverKind name = settings.get().name();
        ChildDriver driver = running.get(name);
        if (driver == null) {
            throw new ServiceBrokerInvalidParametersException("the `" + name
                    + "` driver is not configured in this broker: use a plan of the `" + DriverKind.MYSQL + "` driver");
        }
        return new Chosen(driver, settings.get());
    }

    /**
     * The {@code last_operation} of an asynchronous operation of a child, from the driver that started it; empty when
     * no driver has such an operation (for IDs this broker never accepted too).
     */
    public Optional<LastOperation> lastOperation(String instanceId, @Nullable String operationId) {
        return first(driver -> driver.lastOperation(instanceId, operationId));
    }

    /** The {@code last_operation} of an asynchronous operation of a binding, like {@link #lastOperation}. */
    public Optional<LastOperation> bindingLastOperation(
            String instanceId, String bindingId, @Nullable String operationId) {
        return first(driver -> driver.bindingLastOperation(instanceId, bindingId, operationId));
    }

    /** What a driver is still doing to a child, for its cluster's dashboard; empty when nothing is in progress. */
    public Optional<String> operationInProgress(String instanceId) {
        return first(driver -> driver.operationInProgress(instanceId));
    }

    private <T> Optional<T> first(Function<ChildDriver, Optional<T>> ask) {
        for (ChildDriver driver : running.values()) {
            Optional<T> answer = ask.apply(driver);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Optional<Driver> settingsOf(InstanceRecord child) {
        return bundle.offering(child.serviceId())
                .flatMap(offering -> offering.plan(child.planId()))
                .map(PlanModel::driver);
    }
}
