package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dedicate.broker.children.ChildDrivers;
import io.dedicate.broker.children.ChildLifecycle;
import io.dedicate.broker.children.ChildRecovery;
import io.dedicate.broker.cluster.LifecycleRequests;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.drivers.DatabaseCharacterSet;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlAdminEndpoint;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.drivers.MysqlChildren;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.BindingStatus;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.CommitState;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceSettings;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationKind;
import io.dedicate.broker.state.OperationRecord;
import io.dedicate.broker.state.OperationState;
import io.dedicate.broker.state.OperationStore;
import io.dedicate.broker.state.Placement;
import io.dedicate.broker.state.StateDatabase;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.parameters.ParameterValidator;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;

/**
 * Children and bindings a stopped broker left {@code creating}, as a crash leaves them (rows inserted through the store,
 * the database or user created or not on a real MariaDB), and a clock the test moves: the recovery sweep gives them up
 * after the grace period (dropping what exists on the cluster), leaves the younger ones and the {@code delegate}
 * driver's alone, and a delete of a child stuck past the grace period succeeds.
 */
class ChildRecoveryTest {

    static final Instant START = Instant.parse("2026-05-06T07:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(2);

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(START);
    final MysqlChildDriver mysql = new MysqlChildDriver(Duration.ofSeconds(5));
    final MysqlAdminEndpoint admin = MariaDbServer.get().admin();
    HikariDataSource dataSource;
    StateDatabase database;
    InstanceStore instances;
    ChildStore childStore;
    BindingStore bindings;
    ChildLifecycle children;
    ChildRecovery recovery;
    String cluster;

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestStores.jdbcUrl(data));
        dataSource = new HikariDataSource(config);
        StateDatabase.migrate(dataSource);
        database = new StateDatabase(dataSource, clock);
        instances = new InstanceStore(database);
        childStore = new ChildStore(database);
        bindings = new BindingStore(database);
        SecretBox secrets = SecretBox.fromKeyFile(data.resolve("secret.key"));
        LoadedBundle bundle = BundleLoader.load(TestBundles.mysqlBundle());
        OperationLinks links = new OperationLinks(() -> URI.create("http://127.0.0.1:8080"), null, "main");
        ChildDrivers drivers = new ChildDrivers(
                bundle, new MysqlChildren(instances, childStore, bindings, secrets, links, mysql, GRACE), null);
        children = new ChildLifecycle(
                bundle, new ParameterValidator(bundle), instances, childStore, secrets, links, clock, drivers, GRACE);
        recovery = new ChildRecovery(instances, childStore, bindings, drivers, clock, GRACE);
        cluster = readyCluster();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void childrenAndBindingsStuckCreatingAreCleanedUpAfterTheGracePeriod() throws SQLException {
        String crashedAfterDatabase = stuckChild(ChildDatabaseTest.DB_100MB);
        mysql.createDatabase(
                admin, MysqlChildDriver.databaseName(crashedAfterDatabase), new DatabaseCharacterSet("utf8mb4", null));
        String crashedBeforeDatabase = stuckChild(ChildDatabaseTest.DB_100MB);
        String delegated = stuckChild(ChildDatabaseTest.DELEGATED);
        String ready = readyChild();
        String crashedBinding = UUID.randomUUID().toString();
        String crashedUser = MysqlChildDriver.userName(crashedBinding);
        assertThat(bindings.claimBinding(crashedBinding, ready, crashedUser, "b".repeat(64)))
                .isTrue();
        mysql.createUser(admin, MysqlChildDriver.databaseName(ready), crashedUser, false);
        clock.set(START.plus(Duration.ofMinutes(1)));
        String young = stuckChild(ChildDatabaseTest.DB_100MB);
        assertThat(childStore.liveChildren(cluster)).hasSize(5);

        ChildRecovery.Recovered early = recovery.runOnce();
        assertThat(early.children()).isEmpty();
        assertThat(early.bindings()).isEmpty();

        clock.set(START.plus(GRACE).plusSeconds(1));
        ChildRecovery.Recovered recovered = recovery.runOnce();
        assertThat(recovered.children()).containsExactlyInAnyOrder(crashedAfterDatabase, crashedBeforeDatabase);
        assertThat(recovered.bindings()).containsExactly(crashedBinding);
        assertThat(instances.findInstance(crashedAfterDatabase)).isEmpty();
        assertThat(instances.findInstance(crashedBeforeDatabase)).isEmpty();
        assertThat(ChildDatabaseTest.databases())
                .doesNotContain(MysqlChildDriver.databaseName(crashedAfterDatabase))
                .contains(MysqlChildDriver.databaseName(ready));
        assertThat(userExists(crashedUser)).isFalse();
        assertThat(bindings.findBinding(crashedBinding).orElseThrow().status()).isEqualTo(BindingStatus.DELETED);
        assertThat(instances.findInstance(delegated).orElseThrow().status())
                .as("the delegate driver's children are left to their driver")
                .isEqualTo(InstanceStatus.CREATING);
        assertThat(instances.findInstance(young).orElseThrow().status()).isEqualTo(InstanceStatus.CREATING);
        assertThat(childStore.liveChildren(cluster)).containsExactlyInAnyOrder(delegated, ready, young);

        ChildRecovery.Recovered again = recovery.runOnce();
        assertThat(again.children()).isEmpty();
        assertThat(again.bindings()).isEmpty();
    }

    @Test
    void aChildStuckCreatingCanBeDeletedOnceTheGracePeriodIsOver() throws SQLException {
        String stuck = stuckChild(ChildDatabaseTest.DB_100MB);
        mysql.createDatabase(admin, MysqlChildDriver.databaseName(stuck), new DatabaseCharacterSet("utf8mb4", null));
        LifecycleRequests.Delete delete = new LifecycleRequests.Delete(
                stuck, ClusterLifeContract.SERVICE, ChildDatabaseTest.DB_100MB, false, null, null);

        clock.set(START.plusSeconds(30));
        assertThatThrownBy(() -> children.delete(delete))
                .isInstanceOf(ServiceBrokerConcurrencyException.class)
                .hasMessageContaining("is being created");
        assertThat(ChildDatabaseTest.databases()).contains(MysqlChildDriver.databaseName(stuck));

        clock.set(START.plus(GRACE).plusSeconds(1));
        children.delete(delete);
        assertThat(instances.findInstance(stuck).orElseThrow().status()).isEqualTo(InstanceStatus.DELETED);
        assertThat(ChildDatabaseTest.databases()).doesNotContain(MysqlChildDriver.databaseName(stuck));
        assertThat(childStore.liveChildren(cluster)).isEmpty();
    }

    @Test
    void theRunningBrokerSweepsOnItsOwnAndDeletesAStuckChildOverHttp() throws Exception {
        try (RunningBroker broker = new RunningBroker(
                        TestBundles.mysqlBundle(),
                        data.resolve("broker"),
                        TestStores.jdbcUrl(data.resolve("broker")),
                        Map.of("dedicate.children.creating-grace", "PT1S", "dedicate.recovery-interval", "PT0.2S"))
                .start()) {
            StateDatabase brokerDatabase = broker.bean(StateDatabase.class);
            String brokerCluster = readyCluster(brokerDatabase, Instant.now());
            String swept = stuckChild(brokerDatabase, brokerCluster, ChildDatabaseTest.DB_100MB, Instant.now());
            mysql.createDatabase(
                    admin, MysqlChildDriver.databaseName(swept), new DatabaseCharacterSet("utf8mb4", null));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (broker.bean(InstanceStore.class).findInstance(swept).isPresent()) {
                assertThat(System.nanoTime())
                        .as("the background sweep removed " + swept)
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(ChildDatabaseTest.databases()).doesNotContain(MysqlChildDriver.databaseName(swept));
        }
        try (RunningBroker broker = new RunningBroker(
                        TestBundles.mysqlBundle(),
                        data.resolve("broker2"),
                        TestStores.jdbcUrl(data.resolve("broker2")),
                        Map.of("dedicate.children.creating-grace", "PT1S", "dedicate.recovery-interval", "PT1H"))
                .start()) {
            StateDatabase brokerDatabase = broker.bean(StateDatabase.class);
            String brokerCluster = readyCluster(brokerDatabase, Instant.now());
            String stuck = stuckChild(brokerDatabase, brokerCluster, ChildDatabaseTest.DB_100MB, Instant.now());
            OsbClient osb = new OsbClient(broker::baseUrl);
            String delete = ChildDatabaseTest.path(stuck) + "?service_id=" + ClusterLifeContract.SERVICE + "&plan_id="
                    + ChildDatabaseTest.DB_100MB;
            OsbClient.Answer early = osb.delete(delete);
            assertThat(early.status()).as(early.toString()).isEqualTo(422);
            Thread.sleep(1_100);
            OsbClient.Answer deleted = osb.delete(delete);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
            assertThat(broker.bean(ChildStore.class).liveChildren(brokerCluster))
                    .isEmpty();
        }
    }

    /** A ready cluster whose outputs point at the test MariaDB. */
    private String readyCluster() {
        return readyCluster(database, START);
    }

    /**
     * A ready cluster in {@code database} whose outputs point at the test MariaDB, its deploy started at {@code start}
     * (a running broker's own time-out sweep must not find that deploy overdue before it is reported).
     */
    private static String readyCluster(StateDatabase database, Instant start) {
        MysqlAdminEndpoint admin = MariaDbServer.get().admin();
        String id = UUID.randomUUID().toString();
        String operation = UUID.randomUUID().toString();
        InstanceSettings settings = new InstanceSettings(ClusterLifeContract.SMALL, "{}", null, "1.4.0");
        new InstanceStore(database)
                .createInstance(
                        InstanceRecord.newCluster(
                                id,
                                ClusterLifeContract.SERVICE,
                                new Placement(
                                        ClusterLifeContract.ORG, ClusterLifeContract.SPACE, null, null, "my-cluster"),
                                settings,
                                "d".repeat(64),
                                "org/space/" + id,
                                start),
                        new OperationRecord(
                                operation,
                                id,
                                OperationKind.DEPLOY,
                                OperationState.IN_PROGRESS,
                                "deploying",
                                settings,
                                new OperationRecord.Origin("d".repeat(64), null),
                                new OperationRecord.Commit(CommitState.COMMITTED, null, null),
                                new OperationRecord.Timing(start, start.plus(Duration.ofHours(1)), null)));
        String outputs = OsbClient.JSON
                .valueToTree(Map.of(
                        "host", admin.host(),
                        "port", admin.port(),
                        "admin_username", admin.adminUsername(),
                        "admin_password", admin.adminPassword()))
                .toString();
        assertThat(new OperationStore(database)
                        .finishOperation(operation, OperationState.SUCCEEDED, "deployed", outputs, null))
                .isTrue();
        return id;
    }

    /** A child row as a broker that stopped before making it ready leaves it, stamped now. */
    private String stuckChild(String plan) {
        return stuckChild(database, cluster, plan, clock.instant());
    }

    private static String stuckChild(StateDatabase database, String cluster, String plan, Instant now) {
        String id = UUID.randomUUID().toString();
        new ChildStore(database)
                .createChild(InstanceRecord.newChild(
                        id,
                        ClusterLifeContract.SERVICE,
                        cluster,
                        new Placement(ClusterLifeContract.ORG, ClusterLifeContract.SPACE, null, null, "stuck-" + id),
                        new InstanceSettings(plan, "{}", null, null),
                        "c".repeat(64),
                        now));
        return id;
    }

    /** A child created for real through the lifecycle. */
    private String readyChild() {
        String id = UUID.randomUUID().toString();
        children.provision(new LifecycleRequests.Provision(
                id,
                ClusterLifeContract.SERVICE,
                ChildDatabaseTest.DB_100MB,
                false,
                Map.of("cluster", cluster),
                new Placement(ClusterLifeContract.ORG, ClusterLifeContract.SPACE, null, null, "ready-db"),
                null,
                null,
                null));
        return id;
    }

    private static boolean userExists(String user) throws SQLException {
        try (Connection connection = MariaDbServer.get().adminConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT COUNT(*) FROM mysql.user WHERE User = ?")) {
            query.setString(1, user);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }
}
