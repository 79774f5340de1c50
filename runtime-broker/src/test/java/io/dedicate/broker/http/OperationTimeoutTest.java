package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dedicate.broker.cluster.MetaPipelineSync;
import io.dedicate.broker.cluster.OperationCommitter;
import io.dedicate.broker.cluster.OperationLinks;
import io.dedicate.broker.cluster.OperationStatus;
import io.dedicate.broker.cluster.OperationStatus.LastOperation;
import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.git.GitSettings;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.report.OperationReports;
import io.dedicate.broker.secrets.SecretBox;
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
import io.dedicate.bundle.render.OperationRenderer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operation whose pipeline never reports: past its deadline {@link OperationStatus} reports it
 * failed as timed out, whether the platform polls first or the periodic sweep ({@code
 * failOverdue}) runs first, fails it once only, and a late report is refused with 409. Real parts
 * over an H2 file database; time is a clock the test moves.
 */
class OperationTimeoutTest {

    static final Instant START = Instant.parse("2026-05-06T07:00:00Z");
    static final Duration LIMIT = Duration.ofHours(1);

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(START);
    HikariDataSource dataSource;
    InstanceStore instances;
    OperationStore operations;
    OperationStatus status;
    GitDeployer git;
    MetaPipelineSync metaPipeline;
    OperationReports reports;
    LoadedBundle bundle;

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestStores.jdbcUrl(data));
        dataSource = new HikariDataSource(config);
        StateDatabase.migrate(dataSource);
        StateDatabase database = new StateDatabase(dataSource, clock);
        instances = new InstanceStore(database);
        operations = new OperationStore(database);
        SecretBox secrets = SecretBox.fromKeyFile(data.resolve("secret.key"));
        status = new OperationStatus(
                instances,
                operations,
                secrets,
                new OperationLinks(() -> URI.create("http://127.0.0.1:8080"), null, "main"),
                clock);
        bundle = BundleLoader.load(TestBundles.mysqlBundle());
        git = GitDeployer.open(GitSettings.local(data));
        metaPipeline = new MetaPipelineSync(instances, git, new OperationRenderer(bundle), java.time.Duration.ZERO);
        reports = new OperationReports(
                bundle,
                instances,
                operations,
                secrets,
                new OperationCommitter(
                        instances, operations, git, metaPipeline, new io.dedicate.broker.state.CleanupStore(database)));
    }

    @AfterEach
    void close() {
        metaPipeline.close();
        git.close();
        dataSource.close();
    }

    /** Stores a cluster being deployed with an operation due at {@code START + LIMIT}. */
    void deploying(String instanceId, String operationId) {
        InstanceSettings settings = new InstanceSettings(ClusterLifeContract.SMALL, "{}", null, "1.4.0");
        InstanceRecord instance = InstanceRecord.newCluster(
                instanceId,
                ClusterLifeContract.SERVICE,
                new Placement("org", "space", null, null, null),
                settings,
                "d".repeat(64),
                "org/space/" + instanceId,
                START);
        // committed already: nothing for a recovery pass to commit
        OperationRecord operation = new OperationRecord(
                operationId,
                instanceId,
                OperationKind.DEPLOY,
                OperationState.IN_PROGRESS,
                "deploying cluster-small cluster",
                settings,
                new OperationRecord.Origin("d".repeat(64), "user-1234"),
                new OperationRecord.Commit(CommitState.COMMITTED, null, null),
                new OperationRecord.Timing(START, START.plus(LIMIT), null));
        instances.createInstance(instance, operation);
    }

    String succeeded() {
        return "{\"state\": \"succeeded\", \"outputs\": {\"host\": \"10.0.0.1\"}}";
    }

    @Test
    void theSweepFailsAnOverdueOperationOnce() {
        deploying("cluster-1", "op-1");
        clock.set(START.plus(LIMIT).minusSeconds(1));
        assertThat(status.failOverdue()).isZero();
        assertThat(status.lastOperation("cluster-1", "op-1").state()).isEqualTo(OperationState.IN_PROGRESS);

        clock.set(START.plus(LIMIT).plusSeconds(1));
        assertThat(status.failOverdue()).isEqualTo(1);
        assertThat(status.failOverdue()).isZero();
        LastOperation last = status.lastOperation("cluster-1", "op-1");
        assertThat(last.state()).isEqualTo(OperationState.FAILED);
        assertThat(last.description()).contains("timed out").contains("1h");
        assertThat(instances.findInstance("cluster-1").orElseThrow().status()).isEqualTo(InstanceStatus.CREATE_FAILED);

        assertThatThrownBy(() -> reports.accept("op-1", succeeded()))
                .isInstanceOfSatisfying(
                        OperationReports.RefusedReport.class,
                        refused -> assertThat(refused.status()).isEqualTo(409))
                .hasMessageContaining("already ended");
        assertThat(status.lastOperation("cluster-1", "op-1").state()).isEqualTo(OperationState.FAILED);
    }

    @Test
    void aPollPastTheDeadlineFailsTheOperationWithoutTheSweep() {
        deploying("cluster-2", "op-2");
        clock.set(START.plus(LIMIT).plusMillis(1));
        LastOperation last = status.lastOperation("cluster-2", null);
        assertThat(last.state()).isEqualTo(OperationState.FAILED);
        assertThat(last.description()).contains("timed out");
        assertThat(status.failOverdue()).isZero();
        assertThatThrownBy(() -> reports.accept("op-2", succeeded()))
                .isInstanceOfSatisfying(
                        OperationReports.RefusedReport.class,
                        refused -> assertThat(refused.status()).isEqualTo(409));
    }

    @Test
    void aReportInTimeIsAccepted() {
        deploying("cluster-3", "op-3");
        clock.set(START.plus(LIMIT));
        assertThat(reports.accept("op-3", succeeded())).isEqualTo(OperationState.SUCCEEDED);
        clock.set(START.plus(LIMIT).plusSeconds(60));
        assertThat(status.failOverdue()).isZero();
        assertThat(status.lastOperation("cluster-3", "op-3").state()).isEqualTo(OperationState.SUCCEEDED);
    }
}
