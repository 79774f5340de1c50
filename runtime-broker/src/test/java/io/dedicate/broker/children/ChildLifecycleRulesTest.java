package io.dedicate.broker.children;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Bind;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Unbind;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.cluster.StateJson;
import io.dedicate.broker.http.MutableClock;
import io.dedicate.broker.http.TestStores;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStatus;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.CommitState;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceSettings;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.broker.state.Placement;
import io.dedicate.broker.state.StateDatabase;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * The rules {@link ChildLifecycle} and {@link ChildBindings} keep whatever the driver, with a scripted driver in place
 * of the {@code mysql} one and a real store: when the driver is asked (its parameter checks before the cluster is
 * looked up, its cluster checks before the child is stored), what a refusal leaves behind, the answer to the same
 * request again, and when a child stuck {@code creating} may be deleted.
 */
class ChildLifecycleRulesTest {

    private static final Instant START = Instant.parse("2026-05-06T07:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final String ORG = "org-1";
    private static final String SPACE = "space-1";

    @TempDir
    Path data;

    HikariDataSource dataSource;
    StateDatabase database;
    InstanceStore instances;
    ChildStore childStore;
    BindingStore bindingStore;
    ScriptedDriver driver;
    ChildLifecycle children;
    ChildBindings bindings;
    OfferingModel offering;
    PlanModel plan;
    PlanModel clusterPlan;
    final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestStores.jdbcUrl(data));
        dataSource = new HikariDataSource(config);
        StateDatabase.migrate(dataSource);
        database = new StateDatabase(dataSource, clock);
        instances = new InstanceStore(database);
        childStore = new ChildStore(database);
        bindingStore = new BindingStore(database);
        SecretBox secrets = SecretBox.fromKeyFile(data.resolve("secret.key"));
        LoadedBundle bundle = BundleLoader.load(TestBundles.mysqlBundle());
        offering = bundle.offerings().get(0);
        plan = offering.plans().stream()
                .filter(p -> p.driver() != null && p.driver().name() == DriverKind.MYSQL)
                .findFirst()
                .orElseThrow();
        clusterPlan = offering.plans().stream()
                .filter(PlanModel::isCluster)
                .findFirst()
                .orElseThrow();
        driver = new ScriptedDriver(instances, childStore, bindingStore, secrets);
        ChildDrivers drivers = new ChildDrivers(bundle, driver, null);
        ParameterValidator validator = new ParameterValidator(bundle);
        children = new ChildLifecycle(
                bundle,
                validator,
                instances,
                childStore,
                secrets,
                new OperationLinks(() -> URI.create("http://127.0.0.1:8080"), null, "main"),
                clock,
                drivers,
                GRACE);
        bindings = new ChildBindings(bundle, validator, instances, bindingStore, secrets, drivers);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void theDriverChecksTheParametersBeforeTheClusterIsLookedUp() {
        driver.refuseParameters = true;

        assertThatThrownBy(() -> children.provision(provision(UUID.randomUUID().toString(), "no-such-cluster")))
                .isInstanceOf(ServiceBrokerInvalidParametersException.class)
                .hasMessageEndingWith("the driver refuses the parameters");
    }

    @Test
    void aClusterTheDriverRefusesLeavesNoChildBehind() {
        String cluster = readyCluster("my-cluster");
        driver.refuseCluster = true;
        String child = UUID.randomUUID().toString();

        assertThatThrownBy(() -> children.provision(provision(child, "my-cluster")))
                .isInstanceOf(OsbRefusal.class)
                .hasMessage("the driver refuses the cluster");
        assertThat(instances.findInstance(child)).isEmpty();
        assertThat(childStore.liveChildren(cluster)).isEmpty();
    }

    @Test
    void theDriverCreatesAStoredChildAndTheSameCreateAgainGetsItsAnswer() {
        String cluster = readyCluster("my-cluster");
        String child = UUID.randomUUID().toString();

        Accepted accepted = children.provision(provision(child, "my-cluster"));
        assertThat(accepted.operationId()).isEqualTo("op-create");
        assertThat(driver.created).containsExactly(child + " creating on " + cluster);

        assertThat(children.provision(provision(child, "my-cluster")))
                .as("202 again while the driver creates it")
                .isEqualTo(new Accepted("op-create", null, true));
        driver.pendingCreate = false;
        assertThatThrownBy(() -> children.provision(provision(child, "my-cluster")))
                .isInstanceOf(ServiceBrokerConcurrencyException.class)
                .hasMessageContaining("is being created by another request");
    }

    @Test
    void aChildStuckCreatingMayBeDeletedOnlyIfItsDriverGivesStuckCreatesUp() {
        readyCluster("my-cluster");
        String child = UUID.randomUUID().toString();
        children.provision(provision(child, "my-cluster"));
        Delete delete = new Delete(child, offering.id(), plan.id(), false, null, null);

        clock.set(START.plus(GRACE).plusSeconds(1));
        assertThatThrownBy(() -> children.delete(delete))
                .as("a driver that ends its creates itself")
                .isInstanceOf(ServiceBrokerConcurrencyException.class)
                .hasMessageContaining("is being created: delete it once it is created");

        driver.givesUpStuckCreates = true;
        assertThat(children.delete(delete)).isEqualTo(new Accepted(null, null, false));
        assertThat(driver.deleted).containsExactly(child);
    }

    @Test
    void aBindIsClaimedWithTheDriversUserAndRepeatedWithTheStoredAnswer() {
        readyCluster("my-cluster");
        String child = UUID.randomUUID().toString();
        driver.pendingCreate = false;
        children.provision(provision(child, "my-cluster"));
        assertThat(childStore.markChildReady(child)).isTrue();
        String binding = UUID.randomUUID().toString();

        driver.pendingBind = true;
        Bound pending = bindings.bind(bind(child, binding, Map.of()));
        assertThat(pending.operationId()).isEqualTo("op-bind");
        assertThat(bindingStore.findBinding(binding).orElseThrow().username()).isEqualTo("user-" + binding);
        assertThat(bindings.bind(bind(child, binding, Map.of())))
                .as("202 again while the driver binds")
                .isEqualTo(new Bound(Map.of(), true, "op-bind"));
        assertThatThrownBy(() -> bindings.bind(bind(child, binding, Map.of("read_only", true))))
                .isInstanceOf(OsbRefusal.class)
                .hasMessageContaining("already exists with other attributes");

        String other = UUID.randomUUID().toString();
        driver.pendingBind = false;
        Bound made = bindings.bind(bind(child, other, Map.of()));
        assertThat(made).isEqualTo(new Bound(Map.of("user", "user-" + other), false));
        assertThat(bindings.bind(bind(child, other, Map.of()))).isEqualTo(new Bound(made.credentials(), true));
        assertThat(bindings.bindingCredentials(child, other)).isEqualTo(made.credentials());
        assertThat(bindings.unbind(new Unbind(child, other))).isNull();
        assertThat(bindingStore.findBinding(other).orElseThrow().status()).isEqualTo(BindingStatus.DELETED);
    }

    private Provision provision(String instanceId, String cluster) {
        return new Provision(
                instanceId,
                offering.id(),
                plan.id(),
                true,
                Map.of("cluster", cluster),
                new Placement(ORG, SPACE, null, null, "db-" + instanceId),
                null,
                null,
                null);
    }

    private Bind bind(String instanceId, String bindingId, Map<String, Object> parameters) {
        return new Bind(instanceId, bindingId, offering.id(), plan.id(), parameters);
    }

    /** A ready cluster named {@code name} in the test's space. */
    private String readyCluster(String name) {
        String id = UUID.randomUUID().toString();
        String operation = UUID.randomUUID().toString();
        InstanceSettings settings = new InstanceSettings(clusterPlan.id(), "{}", null, "1.4.0");
        instances.createInstance(
                InstanceRecord.newCluster(
                        id,
                        offering.id(),
                        new Placement(ORG, SPACE, null, null, name),
                        settings,
                        "d".repeat(64),
                        "org/space/" + id,
                        START),
                new OperationRecord(
                        operation,
                        id,
                        OperationKind.DEPLOY,
                        OperationState.IN_PROGRESS,
                        "deploying",
                        settings,
                        new OperationRecord.Origin("d".repeat(64), null),
                        new OperationRecord.Commit(CommitState.COMMITTED, null, null),
                        new OperationRecord.Timing(START, START.plus(Duration.ofHours(1)), null)));
        assertThat(new OperationStore(database)
                        .finishOperation(operation, OperationState.SUCCEEDED, "deployed", "{}", null))
                .isTrue();
        return id;
    }

    /** A driver whose answers the test sets; it records what it was asked to do and works on the store only. */
    private static final class ScriptedDriver implements ChildDriver {

        private final InstanceStore store;
        private final ChildStore children;
        private final BindingStore bindings;
        private final SecretBox secrets;
        boolean refuseParameters;
        boolean refuseCluster;
        boolean pendingCreate = true;
        boolean pendingBind;
        boolean givesUpStuckCreates;
        final List<String> created = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        ScriptedDriver(InstanceStore store, ChildStore children, BindingStore bindings, SecretBox secrets) {
            this.store = store;
            this.children = children;
            this.bindings = bindings;
            this.secrets = secrets;
        }

        @Override
        public Creation creation(Provision request, Driver driver, ValidatedParameters parameters) {
            if (refuseParameters) {
                throw new ServiceBrokerInvalidParametersException("the driver refuses the parameters");
            }
            return cluster -> {
                if (refuseCluster) {
                    throw new OsbRefusal(502, null, "the driver refuses the cluster");
                }
                return child -> {
                    InstanceRecord stored = store.findInstance(child.id()).orElseThrow();
                    created.add(child.id() + " " + stored.status().wire() + " on " + cluster.id());
                    return pendingCreate ? new Accepted("op-create", null, false) : new Accepted(null, null, false);
                };
            };
        }

        @Override
        public Optional<Accepted> provisionInProgress(InstanceRecord child) {
            return pendingCreate ? Optional.of(new Accepted("op-create", null, true)) : Optional.empty();
        }

        @Override
        public Accepted delete(Delete request, InstanceRecord child, Optional<InstanceRecord> cluster, Driver driver) {
            deleted.add(child.id());
            children.markChildDeleted(child.id());
            return new Accepted(null, null, false);
        }

        @Override
        public BindingCreation binding(
                Bind request, InstanceRecord child, ValidatedParameters parameters, Driver driver) {
            String bindingId = request.bindingId();
            return new BindingCreation("user-" + bindingId, () -> {
                if (pendingBind) {
                    return new Bound(Map.of(), false, "op-bind");
                }
                Map<String, Object> credentials = Map.of("user", "user-" + bindingId);
                bindings.completeBinding(
                        bindingId, secrets.seal(StateJson.write(credentials), ChildBindings.bindingContext(bindingId)));
                return new Bound(credentials, false);
            });
        }

        @Override
        public Optional<Bound> bindInProgress(InstanceRecord child, String bindingId) {
            return pendingBind ? Optional.of(new Bound(Map.of(), true, "op-bind")) : Optional.empty();
        }

        @Override
        public @Nullable String unbind(Unbind request, BindingRecord binding, InstanceRecord child, Driver driver) {
            bindings.markBindingDeleted(binding.id());
            return null;
        }

        @Override
        public Optional<StuckRecovery> stuckRecovery() {
            if (!givesUpStuckCreates) {
                return Optional.empty();
            }
            return Optional.of(new StuckRecovery() {
                @Override
                public void dropChild(InstanceRecord child, InstanceRecord cluster) {}

                @Override
                public void dropBinding(BindingRecord binding, InstanceRecord cluster) {}
            });
        }
    }
}
