package io.dedicate.broker.children;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Bind;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Unbind;
import io.dedicate.broker.cluster.OperationStatus.LastOperation;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceSettings;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.Placement;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * Which driver a child plan gets ({@link ChildDrivers}), and the refusals of plans whose driver is unknown or not run
 * by this broker, on the MySQL offering (a {@code mysql} plan and a {@code delegate} one); no store, no HTTP.
 */
class ChildDriversTest {

    private static LoadedBundle bundle;
    private static OfferingModel offering;
    private static PlanModel mysqlPlan;
    private static PlanModel delegatePlan;

    private final ChildDriver mysql = new NamedDriver("mysql");
    private final ChildDriver delegate = new NamedDriver("delegate");

    @BeforeAll
    static void load() {
        bundle = BundleLoader.load(TestBundles.delegatingMysqlBundle());
        offering = bundle.offerings().get(0);
        mysqlPlan = planOfDriver("mysql");
        delegatePlan = planOfDriver("delegate");
    }

    @Test
    void aPlanGetsTheDriverItNamesWithItsSettings() {
        ChildDrivers drivers = new ChildDrivers(bundle, mysql, delegate);

        ChildDrivers.Chosen chosen = drivers.forPlan(mysqlPlan);
        assertThat(chosen.driver()).isSameAs(mysql);
        assertThat(chosen.declared()).isEqualTo(mysqlPlan.driver());
        assertThat(drivers.forPlan(delegatePlan).driver()).isSameAs(delegate);
    }

    @Test
    void aDriverThisBrokerDoesNotRunIsRefused() {
        ChildDrivers drivers = new ChildDrivers(bundle, mysql, null);

        assertThatThrownBy(() -> drivers.forPlan(delegatePlan))
                .isInstanceOf(ServiceBrokerInvalidParametersException.class)
                .hasMessageEndingWith("plan " + delegatePlan.name()
                        + " uses the `delegate` driver, which is not available yet: use a plan of the `mysql` driver");
        assertThat(drivers.find(child(delegatePlan.id()))).isEmpty();
        assertThatThrownBy(() -> drivers.forUnbind(child(delegatePlan.id())))
                .isInstanceOf(ServiceBrokerInvalidParametersException.class)
                .hasMessageEndingWith(
                        "the `delegate` driver is not configured in this broker: use a plan of the `mysql` driver");
    }

    @Test
    void aStoredChildGetsItsPlansDriverAndNoneOnceThePlanIsGone() {
        ChildDrivers drivers = new ChildDrivers(bundle, mysql, delegate);

        assertThat(drivers.find(child(delegatePlan.id())).map(ChildDrivers.Chosen::driver))
                .containsSame(delegate);
        assertThat(drivers.find(child(mysqlPlan.id())).map(ChildDrivers.Chosen::driver))
                .containsSame(mysql);
        assertThat(drivers.find(child("no-such-plan"))).isEmpty();
        assertThat(drivers.forUnbind(child("no-such-plan")).driver())
                .as("bindings of a child whose plan is gone are unbound as mysql ones, as before")
                .isSameAs(mysql);
        assertThat(drivers.forUnbind(child(delegatePlan.id())).driver()).isSameAs(delegate);
    }

    @Test
    void operationsAreAnsweredByTheDriverThatKnowsThem() {
        ChildDrivers drivers = new ChildDrivers(bundle, mysql, delegate);

        assertThat(drivers.lastOperation("delegate-child", null))
                .contains(new LastOperation(OperationKind.DEPLOY, OperationState.IN_PROGRESS, "delegate"));
        assertThat(drivers.bindingLastOperation("mysql-child", "b", "op"))
                .contains(new LastOperation(OperationKind.DELETE, OperationState.SUCCEEDED, "mysql"));
        assertThat(drivers.lastOperation("someone-else", null)).isEmpty();
        assertThat(drivers.operationInProgress("delegate-child")).contains("creating (delegate)");
        assertThat(drivers.operationInProgress("mysql-child")).isEmpty();
    }

    private static PlanModel planOfDriver(String name) {
        return offering.plans().stream()
                .filter(plan -> plan.driver() != null
                        && plan.driver().name().driverName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static InstanceRecord child(String planId) {
        Instant now = Instant.parse("2026-05-06T07:00:00Z");
        return InstanceRecord.newChild(
                "child-1",
                offering.id(),
                "cluster-1",
                new Placement("org", "space", null, null, "db"),
                new InstanceSettings(planId, "{}", null, null),
                "c".repeat(64),
                now);
    }

    /**
     * A driver that does no work: it only knows the operations of instances whose id starts with its name (so that
     * the test can tell which driver answered).
     */
    private record NamedDriver(String name) implements ChildDriver {

        @Override
        public Creation creation(Provision request, Driver driver, ValidatedParameters parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Accepted> provisionInProgress(InstanceRecord child) {
            return Optional.empty();
        }

        @Override
        public Accepted delete(Delete request, InstanceRecord child, Optional<InstanceRecord> cluster, Driver driver) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BindingCreation binding(
                Bind request, InstanceRecord child, ValidatedParameters parameters, Driver driver) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Bound> bindInProgress(InstanceRecord child, String bindingId) {
            return Optional.empty();
        }

        @Override
        public @Nullable String unbind(Unbind request, BindingRecord binding, InstanceRecord child, Driver driver) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<LastOperation> lastOperation(String instanceId, @Nullable String operationId) {
            return mine(instanceId)
                    ? Optional.of(new LastOperation(OperationKind.DEPLOY, OperationState.IN_PROGRESS, name))
                    : Optional.empty();
        }

        @Override
        public Optional<LastOperation> bindingLastOperation(
                String instanceId, String bindingId, @Nullable String operationId) {
            return mine(instanceId)
                    ? Optional.of(new LastOperation(OperationKind.DELETE, OperationState.SUCCEEDED, name))
                    : Optional.empty();
        }

        @Override
        public Optional<String> operationInProgress(String instanceId) {
            return mine(instanceId) && name.equals("delegate")
                    ? Optional.of("creating (" + name + ")")
                    : Optional.empty();
        }

        @Override
        public Optional<StuckRecovery> stuckRecovery() {
            return Optional.empty();
        }

        private boolean mine(String instanceId) {
            return instanceId.startsWith(name + "-");
        }
    }
}
