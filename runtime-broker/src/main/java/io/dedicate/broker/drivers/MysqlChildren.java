package io.dedicate.broker.drivers;

import io.dedicate.broker.children.ChildBindings;
import io.dedicate.broker.children.ChildDriver;
import io.dedicate.broker.children.ChildRecovery;
import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Bind;
import io.dedicate.broker.cluster.LifecycleRequests.Bound;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Unbind;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.cluster.StateJson;
import io.dedicate.broker.refusal.InstanceGone;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.report.ClusterOutputs;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.BindingRecord;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStatus;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.parameters.ValidatedParameters;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * The {@code mysql} child driver: the broker itself creates one database per child and one user per binding, all
 * synchronously, through {@link MysqlChildDriver} on the cluster's MySQL admin endpoint, whose address and credentials
 * come from the cluster's reported outputs ({@code host}, {@code port}, {@code admin_username}, {@code
 * admin_password}; secret outputs are unsealed only for the call). A database's character set and collation come from
 * the request's {@code collation}, else the driver's settings, else the offering's default.
 *
 * <p>Creates left {@code creating} by a stopped broker are given up by {@link ChildRecovery} after the grace period
 * (their database or user is dropped first); a create that outlived it answers 502.
 */
public final class MysqlChildren implements ChildDriver {

    private static final String COLLATION = "collation";
    private static final String READ_ONLY = "read_only";
    private static final String PASSWORD = "password";

    private final InstanceStore instances;
    private final ChildStore children;
    private final BindingStore bindings;
    private final SecretBox secrets;
    private final OperationLinks links;
    private final MysqlChildDriver mysql;
    private final Duration creatingGrace;

    /**
     * Works through {@code mysql}; a create that takes longer than {@code creatingGrace} (the recovery's grace period)
     * is answered as given up.
     */
    public MysqlChildren(
            InstanceStore instances,
            ChildStore children,
            BindingStore bindings,
            SecretBox secrets,
            OperationLinks links,
            MysqlChildDriver mysql,
            Duration creatingGrace) {
        this.instances = instances;
        this.children = children;
        this.bindings = bindings;
        this.secrets = secrets;
        this.links = links;
        this.mysql = mysql;
        this.creatingGrace = ChildRecovery.requirePositive(creatingGrace);
    }

    // ------------------------------------------------------------------ child instances

    @Override
    public Creation creation(Provision request, Driver driver, ValidatedParameters parameters) {
        DatabaseCharacterSet charset = characterSet(driver, request.parameters(), parameters.values());
        return cluster -> {
            MysqlAdminEndpoint admin = adminEndpoint(cluster);
            return child -> createDatabase(child, cluster, admin, charset);
        };
    }

    private Accepted createDatabase(
            InstanceRecord child, InstanceRecord cluster, MysqlAdminEndpoint admin, DatabaseCharacterSet charset) {
        String instanceId = child.id();
        try {
            mysql.createDatabase(admin, databaseName(child), charset);
        } catch (ChildDriverException | IllegalArgumentException e) {
            children.discardChild(instanceId);
            throw new OsbRefusal(
                    502,
                    null,
                    "cannot create the database of service instance " + instanceId + " in cluster "
                            + clusterName(cluster) + ": " + e.getMessage());
        }
        if (!children.markChildReady(instanceId)) {
            throw givenUp("service instance " + instanceId);
        }
        return new Accepted(null, links.dashboardUrl(cluster.id()), false);
    }

    /** Nothing: a database is created within its request. */
    @Override
    public Optional<Accepted> provisionInProgress(InstanceRecord child) {
        return Optional.empty();
    }

    /** Drops the child's database (with its bindings' users) unless its cluster is gone, then marks it deleted. */
    @Override
    public Accepted delete(Delete request, InstanceRecord child, Optional<InstanceRecord> cluster, Driver driver) {
        String instanceId = child.id();
        if (cluster.isPresent() && cluster.get().status() != InstanceStatus.DELETED) {
            try {
                mysql.dropDatabase(adminEndpoint(cluster.get()), databaseName(child));
            } catch (ChildDriverException e) {
                throw new OsbRefusal(
                        502,
                        null,
                        "cannot drop the database of service instance " + instanceId + " in cluster "
                                + clusterName(cluster.get()) + ": " + e.getMessage());
            }
        }
        if (!children.markChildDeleted(instanceId)) {
            throw new InstanceGone(instanceId);
        }
        return new Accepted(null, null, false);
    }

    // ------------------------------------------------------------------ bindings

    /** A new database user with a generated password, read-only on request; a given {@code password} is refused. */
    @Override
    public BindingCreation binding(Bind request, InstanceRecord child, ValidatedParameters parameters, Driver driver) {
        String instanceId = child.id();
        String bindingId = request.bindingId();
        if (parameters.values().containsKey(PASSWORD)) {
            throw new ServiceBrokerInvalidParametersException("parameter `" + PASSWORD
                    + "` is not supported yet: the broker generates a strong password for every binding");
        }
        InstanceRecord cluster = Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .orElseThrow(() ->
                        new IllegalStateException("child " + instanceId + " has no cluster " + child.clusterId()));
        MysqlAdminEndpoint admin = adminEndpoint(cluster);
        String username = MysqlChildDriver.userName(bindingId);
        boolean readOnly = Boolean.TRUE.equals(parameters.values().get(READ_ONLY));
        return new BindingCreation(username, () -> createUser(child, bindingId, cluster, admin, username, readOnly));
    }

    private Bound createUser(
            InstanceRecord child,
            String bindingId,
            InstanceRecord cluster,
            MysqlAdminEndpoint admin,
            String username,
            boolean readOnly) {
        MysqlCredentials credentials;
        try {
            credentials = mysql.createUser(admin, databaseName(child), username, readOnly);
        } catch (ChildDriverException | IllegalArgumentException e) {
            bindings.abandonBinding(bindingId);
            throw new OsbRefusal(
                    502,
                    null,
                    "cannot create the user of binding " + bindingId + " in cluster " + clusterName(cluster) + ": "
                            + e.getMessage());
        }
        Map<String, Object> values = credentials.asBindingCredentials();
        if (!bindings.completeBinding(
                bindingId, secrets.seal(StateJson.write(values), ChildBindings.bindingContext(bindingId)))) {
            throw givenUp("binding " + bindingId);
        }
        return new Bound(values, false);
    }

    /** Nothing: a user is created within its request. */
    @Override
    public Optional<Bound> bindInProgress(InstanceRecord child, String bindingId) {
        return Optional.empty();
    }

    /** Drops the binding's user, then marks it deleted. */
    @Override
    public @Nullable String unbind(Unbind request, BindingRecord binding, InstanceRecord child, Driver driver) {
        String instanceId = child.id();
        String bindingId = binding.id();
        InstanceRecord cluster = Optional.ofNullable(child.clusterId())
                .flatMap(instances::findInstance)
                .orElseThrow(() ->
                        new IllegalStateException("child " + instanceId + " has no cluster " + child.clusterId()));
        try {
            mysql.dropUser(adminEndpoint(cluster), binding.username());
        } catch (ChildDriverException e) {
            throw new OsbRefusal(
                    502,
                    null,
                    "cannot drop the user of binding " + bindingId + " in cluster " + clusterName(cluster) + ": "
                            + e.getMessage());
        }
        if (!bindings.markBindingDeleted(bindingId)) {
            throw new OsbRefusal(410, null, "binding " + bindingId + " does not exist");
        }
        return null;
    }

    // ------------------------------------------------------------------ stuck creates

    /** The database of a stuck child (with its users), the user of a stuck binding. */
    @Override
    public Optional<StuckRecovery> stuckRecovery() {
        return Optional.of(new StuckRecovery() {
            @Override
            public void dropChild(InstanceRecord child, InstanceRecord cluster) {
                mysql.dropDatabase(adminEndpoint(cluster), databaseName(child));
            }

            @Override
            public void dropBinding(BindingRecord binding, InstanceRecord cluster) {
                mysql.dropUser(adminEndpoint(cluster), binding.username());
            }
        });
    }

    // ------------------------------------------------------------------ shared

    /**
     * The database of {@code child}: named from its whole ID ({@link MysqlChildDriver#databaseName}), or as brokers
     * before schema version 9 named it for a child they created ({@link MysqlChildDriver#legacyDatabaseName}).
     */
    public static String databaseName(InstanceRecord child) {
        return child.nameScheme() == InstanceRecord.Identity.LEGACY_NAMES
                ? MysqlChildDriver.legacyDatabaseName(child.id())
                : MysqlChildDriver.databaseName(child.id());
    }

    /**
     * The character set and collation of a new database (see {@link DatabaseCharacterSet#choose}): the request's
     * {@code collation} if it gave one, else the driver's, else the offering's declared default; a 400 when the
     * requested collation does not belong to the driver's character set.
     */
    private static DatabaseCharacterSet characterSet(
            Driver driver, Map<String, Object> requested, Map<String, Object> validated) {
        boolean given = requested.containsKey(COLLATION);
        try {
            return DatabaseCharacterSet.choose(
                    driver.settings(),
                    given ? validated.get(COLLATION) : null,
                    given ? null : validated.get(COLLATION));
        } catch (IllegalArgumentException e) {
            throw new ServiceBrokerInvalidParametersException("parameter `" + COLLATION + "`: " + e.getMessage());
        }
    }

    /**
     * The cluster's MySQL admin endpoint, from its reported outputs; secret outputs are unsealed only here. An {@link
     * OsbRefusal} (502) when they are missing or unusable.
     */
    public MysqlAdminEndpoint adminEndpoint(InstanceRecord cluster) {
        Map<String, Object> outputs = ClusterOutputs.of(cluster, secrets);
        String host = output(cluster, outputs, "host");
        String port = output(cluster, outputs, "port");
        String username = output(cluster, outputs, "admin_username");
        String password = output(cluster, outputs, "admin_password");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new OsbRefusal(
                    502, null, "cluster " + clusterName(cluster) + " reported a port that is not a number: " + port);
        }
        try {
            return new MysqlAdminEndpoint(host, portNumber, username, password);
        } catch (IllegalArgumentException e) {
            throw new OsbRefusal(
                    502, null, "cluster " + clusterName(cluster) + " reported unusable outputs: " + e.getMessage());
        }
    }

    private static String output(InstanceRecord cluster, Map<String, Object> outputs, String name) {
        Object value = outputs.get(name);
        if (value == null) {
            throw new OsbRefusal(
                    502,
                    null,
                    "cluster " + clusterName(cluster) + " has not reported its `" + name
                            + "` output: its pipeline's report must carry host, port, admin_username and"
                            + " admin_password");
        }
        return value.toString();
    }

    /**
     * The answer to a create that outlived the grace period: the recovery sweep gave it up meanwhile (and dropped what
     * it found), so the platform must try again.
     */
    private OsbRefusal givenUp(String what) {
        return new OsbRefusal(
                502,
                null,
                what + " took longer than " + creatingGrace + " to create and was given up: create it again");
    }

    private static String clusterName(InstanceRecord cluster) {
        return cluster.instanceName() == null ? cluster.id() : cluster.instanceName();
    }
}
