package io.dedicate.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dedicate.broker.cluster.LifecycleRequests.Accepted;
import io.dedicate.broker.cluster.LifecycleRequests.Delete;
import io.dedicate.broker.cluster.LifecycleRequests.Provision;
import io.dedicate.broker.cluster.LifecycleRequests.Update;
import io.dedicate.broker.cluster.OperationStatus.LastOperation;
import io.dedicate.broker.git.ChangeSet;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.git.GitSettings;
import io.dedicate.broker.http.MutableClock;
import io.dedicate.broker.http.TestStores;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.ChildStore;
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
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.parameters.InvalidParametersException;
import io.dedicate.bundle.parameters.ParameterValidator;
import io.dedicate.bundle.render.OperationRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerAsyncRequiredException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerMaintenanceInfoConflictException;
import org.springframework.cloud.servicebroker.exception.ServiceInstanceExistsException;

/**
 * The rules {@link ClusterLifecycle} keeps, one per test, driven directly (no HTTP, no Spring) on real parts: the run's
 * state store ({@link TestStores}: an H2 file database by default), a secret key file, the MySQL offering's bundle,
 * and a local bare deployment repository written by the real {@link GitDeployer}. Every refusal is checked for its type
 * (the framework's exception, which {@code OsbErrorAdvice} maps to the status) or its status ({@link OsbRefusal}), its
 * message, and for what it left behind: nothing (the instance and its operations as they were, no new commit). The
 * HTTP stories ({@code ClusterLifeContract}, {@code BadInputContract}, {@code QuotaTest}, {@code OperationTimeoutTest})
 * check the same rules on the wire.
 */
class ClusterLifecycleRulesTest {

    private static final Instant START = Instant.parse("2026-05-06T07:00:00Z");
    private static final String BROKER = "http://broker.example";
    private static final Placement PLACEMENT = new Placement("org-1", "space-1", "my-org", "my-space", "my-cluster");

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(START);
    HikariDataSource dataSource;
    InstanceStore instances;
    OperationStore operations;
    ChildStore children;
    GitDeployer git;
    MetaPipelineSync metaPipeline;
    OperationRenderer renderer;
    ClusterLifecycle lifecycle;
    OperationStatus status;
    OfferingModel offering;
    PlanModel small;
    PlanModel large;
    PlanModel childPlan;

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestStores.jdbcUrl(data));
        dataSource = new HikariDataSource(config);
        StateDatabase.migrate(dataSource);
        StateDatabase database = new StateDatabase(dataSource, clock);
        instances = new InstanceStore(database);
        operations = new OperationStore(database);
        children = new ChildStore(database);
        SecretBox secrets = SecretBox.fromKeyFile(data.resolve("secret.key"));
        LoadedBundle bundle = BundleLoader.load(TestBundles.mysqlBundle());
        offering = bundle.offerings().get(0);
        small = plan("cluster-small");
        large = plan("cluster-large");
        childPlan = plan("100mb");
        git = GitDeployer.open(GitSettings.local(data));
        renderer = new OperationRenderer(bundle);
        metaPipeline = new MetaPipelineSync(instances, git, renderer, Duration.ofMillis(50));
        OperationLinks links = new OperationLinks(() -> URI.create(BROKER), null, "main");
        lifecycle = new ClusterLifecycle(
                bundle,
                new ParameterValidator(bundle),
                renderer,
                instances,
                operations,
                new OperationCommitter(
                        instances, operations, git, metaPipeline, new io.dedicate.broker.state.CleanupStore(database)),
                secrets,
                links,
                new DeleteProtection(children),
                git.uri(),
                git.branch(),
                clock,
                Duration.ofMinutes(30));
        status = new OperationStatus(instances, operations, secrets, links, clock);
    }

    @AfterEach
    void close() {
        metaPipeline.close();
        git.close();
        dataSource.close();
    }

    // ------------------------------------------------------------------ provision

    @Test
    void aProvisionWithoutAcceptsIncompleteIsRefusedAsAsyncRequired() {
        String id = newId();
        Provision synchronous = provision(id, PLACEMENT, false, Map.of());

        assertThatThrownBy(() -> lifecycle.provision(synchronous))
                .isInstanceOf(ServiceBrokerAsyncRequiredException.class)
                .hasMessageContaining("clusters are deployed asynchronously")
                .hasMessageContaining("accepts_incomplete=true");
        assertThat(instances.findInstance(id)).isEmpty();
        assertThat(instances.countInstances()).isZero();
        assertThat(operations.history(id, 10)).isEmpty();
        assertThat(operationCommits()).as("nothing committed").isEmpty();
    }

    @Test
    void theSameProvisionAgainGetsItsOperationAndAnotherOneWithTheSameIdIsAConflict() {
        String id = newId();
        Accepted created = lifecycle.provision(provision(id, PLACEMENT, true, Map.of("max_connections", 2000)));
        assertThat(created.existed()).isFalse();
        String deploy = operationOf(created);
        State before = state(id);
        assertThat(before.commits()).as("the deploy is committed").hasSize(1);
        assertThat(before.operations()).extracting(OperationRecord::id).containsExactly(deploy);

        assertThat(lifecycle.provision(provision(id, PLACEMENT, true, Map.of("max_connections", 2000))))
                .as("202 again with the same operation")
                .isEqualTo(new Accepted(deploy, BROKER + "/dashboard/instances/" + id, true));
        assertThat(state(id)).isEqualTo(before);

        assertThatThrownBy(() -> lifecycle.provision(provision(id, PLACEMENT, true, Map.of("max_connections", 3000))))
                .isInstanceOf(ServiceInstanceExistsException.class)
                .hasMessageContaining("service instance " + id + " already exists with other attributes");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void theSixthClusterOfAnOrgIsRefusedWithTheOfferingsLimit() {
        for (int i = 1; i <= 5; i++) {
            lifecycle.provision(provision(newId(), named("cluster-" + i), true, Map.of()));
        }
        String sixth = newId();
        State before = state(sixth);

        assertThatThrownBy(() -> lifecycle.provision(provision(sixth, named("cluster-6"), true, Map.of())))
                .isInstanceOfSatisfying(
                        OsbRefusal.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(422))
                .hasMessageStartingWith("org my-org already has 5 mysql-on-demand clusters (the limit is 5 per org)");
        assertThat(state(sixth)).isEqualTo(before);
        assertThat(instances.countInstances()).isEqualTo(5);

        Placement otherOrg = new Placement("org-2", "space-2", "other-org", "other-space", "cluster-6");
        assertThat(lifecycle
                        .provision(provision(sixth, otherOrg, true, Map.of()))
                        .operationId())
                .as("the limit is per org")
                .isNotNull();
    }

    // ------------------------------------------------------------------ update

    @Test
    void aPlanChangesOnlyAlongTheOfferingsUpgradePaths() {
        String id = readyCluster(small);
        State before = state(id);

        assertThatThrownBy(() -> lifecycle.update(update(id, childPlan.id(), Map.of(), null)))
                .isInstanceOf(ServiceBrokerInvalidParametersException.class)
                .hasMessageContaining(
                        "plan change from cluster-small to 100mb is not allowed: allowed targets: cluster-large");
        assertThat(state(id)).isEqualTo(before);

        Accepted toLarge = lifecycle.update(update(id, large.id(), Map.of(), null));
        assertThat(toLarge.operationId())
                .as("cluster-small -> cluster-large is a path")
                .isNotNull();
        finish(toLarge);
        assertThat(instances.findInstance(id).orElseThrow().planId()).isEqualTo(large.id());
        State onLarge = state(id);

        assertThatThrownBy(() -> lifecycle.update(update(id, small.id(), Map.of(), null)))
                .isInstanceOf(ServiceBrokerInvalidParametersException.class)
                .hasMessageContaining(
                        "plan change from cluster-large to cluster-small is not allowed: cluster-large cannot change plan");
        assertThat(state(id)).isEqualTo(onLarge);
    }

    @Test
    void aCreateOnlyParameterIsRefusedInAnUpdate() {
        String id = readyCluster(small);
        State before = state(id);

        assertThatThrownBy(() -> lifecycle.update(update(id, null, Map.of("major_version", "5.7"), null)))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage(
                        "invalid parameters: $.major_version: is create-only: it can only be set when the cluster is created");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void anUpdateWhileTheDeployRunsIsAConcurrencyError() {
        String id = newId();
        lifecycle.provision(provision(id, PLACEMENT, true, Map.of()));
        State before = state(id);

        assertThatThrownBy(() -> lifecycle.update(update(id, null, Map.of("max_connections", 3000), null)))
                .isInstanceOf(ServiceBrokerConcurrencyException.class)
                .hasMessageContaining("service instance " + id + " is creating: it can be updated once it is ready");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void anUpdateWhileAnotherUpdateRunsIsAConcurrencyError() {
        String id = readyCluster(small);
        String running = operationOf(lifecycle.update(update(id, null, Map.of("max_connections", 3000), null)));
        State before = state(id);

        assertThatThrownBy(() -> lifecycle.update(update(id, null, Map.of("max_connections", 4000), null)))
                .isInstanceOf(ServiceBrokerConcurrencyException.class)
                .hasMessageContaining("service instance " + id + " has an operation in progress (" + running
                        + "): try again when it ends");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void anUnknownMaintenanceVersionIsAMaintenanceInfoConflict() {
        String catalog = offering.maintenanceInfo().version();
        String id = readyCluster(small);
        State before = state(id);

        assertThatThrownBy(() -> lifecycle.update(update(id, null, Map.of(), "9.9.9")))
                .isInstanceOf(ServiceBrokerMaintenanceInfoConflictException.class)
                .hasMessageEndingWith("maintenance_info.version 9.9.9 is not offered: the catalog offers " + catalog);
        assertThat(state(id)).isEqualTo(before);

        String other = newId();
        assertThatThrownBy(() -> lifecycle.provision(new Provision(
                        other, offering.id(), small.id(), true, Map.of(), named("other"), null, null, "9.9.9")))
                .isInstanceOf(ServiceBrokerMaintenanceInfoConflictException.class)
                .hasMessageContaining("maintenance_info.version 9.9.9 is not the catalog's (" + catalog + ")");
        assertThat(state(other)).isEqualTo(new State(Optional.empty(), List.of(), before.commits()));
    }

    // ------------------------------------------------------------------ delete

    @Test
    void aClusterWithLiveChildrenIsNotDeleted() {
        String id = readyCluster(small);
        List<String> guids = Stream.of(newChild(id), newChild(id)).sorted().toList();
        State before = state(id);

        assertThatThrownBy(() -> lifecycle.delete(new Delete(id, offering.id(), small.id(), true, null, null)))
                .isInstanceOfSatisfying(
                        OsbRefusal.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(400))
                .hasMessage("can not delete cluster service instance with child service instances (guid="
                        + guids.get(0) + ", guid=" + guids.get(1)
                        + "). Use dashboard to list all child service instance details.");
        assertThat(state(id)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ last_operation

    @Test
    void anOperationPastItsPlansMaxPollingFailsAsTimedOut() {
        String id = newId();
        String deploy = operationOf(lifecycle.provision(provision(id, PLACEMENT, true, Map.of())));

        clock.set(START.plus(Duration.ofHours(2)));
        assertThat(status.lastOperation(id, deploy).state())
                .as("cluster-small's max_polling is 2h, not the 30m default")
                .isEqualTo(OperationState.IN_PROGRESS);

        clock.set(START.plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(status.lastOperation(id, deploy))
                .isEqualTo(new LastOperation(
                        OperationKind.DEPLOY,
                        OperationState.FAILED,
                        "deploy timed out: the pipeline did not report within 2h (the plan's maximum); see " + BROKER
                                + "/dashboard/instances/" + id));
        assertThat(instances.findInstance(id).orElseThrow().status()).isEqualTo(InstanceStatus.CREATE_FAILED);
    }

    // ------------------------------------------------------------------ meta pipeline

    @Test
    void theMetaPipelineRendersOnlyChangedShardsAndTheBranchAlwaysHoldsEveryShardAsAFullRenderWouldWriteIt() {
        Placement otherOrg = new Placement("org-2", "space-2", "other-org", "other-space", "other-cluster");
        lifecycle.provision(provision(newId(), PLACEMENT, true, Map.of()));
        assertMetaPipelineIsCurrent();
        lifecycle.provision(provision(newId(), otherOrg, true, Map.of()));
        assertMetaPipelineIsCurrent();
        String org1Shard = text("org-1/meta-pipeline.yml");
        lifecycle.provision(provision(newId(), named("second-cluster"), true, Map.of()));
        assertMetaPipelineIsCurrent();
        assertThat(text("org-1/meta-pipeline.yml")).isNotEqualTo(org1Shard);

        // another replica (or a hand) commits a meta pipeline file: the next sync cannot trust what it remembers
        git.commit(new ChangeSet(
                "meta-by-another-writer",
                "meta pipeline: another writer",
                ".dedicate/meta-pipeline",
                Map.of("org-1/meta-pipeline.yml", "stale\n".getBytes(StandardCharsets.UTF_8)),
                java.util.Set.of()));
        assertMetaPipelineIsCurrent();

        String tip = git.tipCommitId();
        assertThat(metaPipeline.syncNow()).isTrue();
        assertThat(git.tipCommitId()).as("nothing changed: no commit").isEqualTo(tip);
        try (MetaPipelineSync restarted = new MetaPipelineSync(instances, git, renderer, Duration.ofMillis(50))) {
            assertThat(restarted.syncNow()).isTrue();
        }
        assertThat(git.tipCommitId())
                .as("a broker that starts renders every file again, finds them committed, commits nothing")
                .isEqualTo(tip);
    }

    /** Syncs, then checks every meta pipeline file of the branch against a full render of the state store. */
    private void assertMetaPipelineIsCurrent() {
        assertThat(metaPipeline.syncNow()).isTrue();
        SortedMap<String, String> full = MetaPipelineShards.render(
                renderer, instances.clusterOrgs(), instances.instanceFolders(), git.uri(), git.branch());
        assertThat(full).isNotEmpty();
        full.forEach((path, content) -> assertThat(text(path)).as(path).isEqualTo(content));
    }

    private String text(String path) {
        byte[] content = git.read(path);
        assertThat(content).as("%s in the branch", path).isNotNull();
        return new String(content, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ helpers

    /** What a refused request must leave as it was: the instance, its operations, the operation commits. */
    record State(Optional<InstanceRecord> instance, List<OperationRecord> operations, List<String> commits) {}

    private State state(String instanceId) {
        return new State(instances.findInstance(instanceId), operations.history(instanceId, 100), operationCommits());
    }

    /**
     * The IDs of the branch's commits, newest first, but for the meta pipeline's: those follow deploys in the
     * background ({@link MetaPipelineSync}), whenever they come.
     */
    private List<String> operationCommits() {
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(git.localRepository().toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId tip = repository.resolve(Constants.R_HEADS + git.branch());
            if (tip == null) {
                return List.of();
            }
            walk.markStart(walk.parseCommit(tip));
            List<String> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                if (!commit.getShortMessage().startsWith("meta pipeline:")) {
                    commits.add(commit.name());
                }
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Provision provision(String instanceId, Placement placement, boolean async, Map<String, Object> parameters) {
        return new Provision(
                instanceId, offering.id(), small.id(), async, parameters, placement, "user-1234", null, null);
    }

    private Update update(
            String instanceId, @Nullable String planId, Map<String, Object> parameters, @Nullable String maintenance) {
        return new Update(instanceId, offering.id(), planId, true, parameters, null, "user-1234", maintenance);
    }

    private static Placement named(String instanceName) {
        return new Placement(
                PLACEMENT.orgGuid(), PLACEMENT.spaceGuid(), PLACEMENT.orgName(), PLACEMENT.spaceName(), instanceName);
    }

    /** A cluster of {@code plan} provisioned through the lifecycle, its deploy reported succeeded. */
    private String readyCluster(PlanModel plan) {
        String id = newId();
        Accepted deploy = lifecycle.provision(
                new Provision(id, offering.id(), plan.id(), true, Map.of(), PLACEMENT, "user-1234", null, null));
        finish(deploy);
        assertThat(instances.findInstance(id).orElseThrow().status()).isEqualTo(InstanceStatus.READY);
        return id;
    }

    /** Ends an accepted operation as its pipeline's report would. */
    private void finish(Accepted accepted) {
        assertThat(operations.finishOperation(operationOf(accepted), OperationState.SUCCEEDED, "done", "{}", null))
                .isTrue();
    }

    /** The operation an accepted request started; fails the test if it started none. */
    private static String operationOf(Accepted accepted) {
        String operationId = accepted.operationId();
        if (operationId == null) {
            throw new AssertionError("no operation started: " + accepted);
        }
        return operationId;
    }

    /** A child of {@code clusterId} being created, stored as the child lifecycle stores one. */
    private String newChild(String clusterId) {
        String id = newId();
        children.createChild(InstanceRecord.newChild(
                id,
                offering.id(),
                clusterId,
                new Placement(PLACEMENT.orgGuid(), PLACEMENT.spaceGuid(), null, null, "db-" + id),
                new InstanceSettings(childPlan.id(), "{}", null, null),
                "c".repeat(64),
                clock.instant()));
        return id;
    }

    private PlanModel plan(String name) {
        return offering.plans().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
