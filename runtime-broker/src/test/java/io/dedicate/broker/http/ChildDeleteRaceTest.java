package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.PostgresDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete protection under concurrency, as the issue asks: child creates racing one cluster delete, over HTTP, on two
 * broker instances sharing one PostgreSQL, with the {@code mysql} driver on a real MariaDB. Afterwards either the
 * cluster's deletion was accepted and no child exists, or it was refused and exactly the accepted children exist
 * (with their databases). Round 0 sends every request at once, later rounds stagger the children so that the delete
 * lands among them. The size is {@code dedicate.test.race.children} (default 12, to keep the suite fast).
 */
class ChildDeleteRaceTest {

    private static final int CHILDREN = Integer.getInteger("dedicate.test.race.children", 12);

    @TempDir
    Path dataA;

    @TempDir
    Path dataB;

    @Nullable
    RunningBroker brokerA;

    @Nullable
    RunningBroker brokerB;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(
                TestStores.name().equals("postgres"), "runs in the PostgreSQL execution of the suite only");
        String jdbcUrl = PostgresDatabases.newJdbcUrl();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Map<String, String> shared =
                Map.of("dedicate.secrets.key", Base64.getEncoder().encodeToString(key));
        // the offering allows 50 databases per cluster: at full size every create must race the delete, not the quota
        Path bundle = CHILDREN <= 50
                ? TestBundles.mysqlBundle()
                : TestBundles.write(QuotaTest.withLimits(5, CHILDREN), dataA.resolve("bundle"));
        brokerA = new RunningBroker(bundle, dataA, jdbcUrl, shared).start();
        brokerB = new RunningBroker(bundle, dataB, jdbcUrl, shared).start();
    }

    @AfterEach
    void stop() {
        if (brokerA != null) {
            brokerA.close();
        }
        if (brokerB != null) {
            brokerB.close();
        }
    }

    @Test
    void childCreatesRacingAClusterDeleteNeverLeaveAChildInADeletedCluster() throws Exception {
        for (int round = 0; round < 4; round++) {
            race(round);
        }
    }

    private void race(int round) throws Exception {
        RunningBroker first = java.util.Objects.requireNonNull(brokerA);
        RunningBroker second = java.util.Objects.requireNonNull(brokerB);
        OsbClient a = new OsbClient(first::baseUrl);
        OsbClient b = new OsbClient(second::baseUrl);
        String cluster = UUID.randomUUID().toString();
        String name = "race-cluster-" + round;
        Map<String, Object> body = ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, Map.of());
        body.put("context", ClusterLifeContract.context(name));
        assertThat(a.put(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true", body)
                        .status())
                .isEqualTo(202);
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        ChildDatabaseTest reporter = new ChildDatabaseTest();
        reporter.repository = new DeploymentRepository(dataA.resolve("deployments.git"));
        assertThat(reporter.report(cluster, outputs).status()).isEqualTo(200);

        List<String> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            children.add(UUID.randomUUID().toString());
        }
        // round 0: every request at once; later rounds: children staggered, so that the delete lands among them
        int deleteAt = 0;
        ExecutorService threads = Executors.newFixedThreadPool(CHILDREN + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> childAnswers = new ArrayList<>();
            Future<Answer> deleteAnswer = null;
            for (int i = 0; i < CHILDREN; i++) {
                if (i == deleteAt) {
                    deleteAnswer = threads.submit(() -> {
                        go.await();
                        return a.delete(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true&service_id="
                                + ClusterLifeContract.SERVICE + "&plan_id=" + ClusterLifeContract.SMALL);
                    });
                }
                String child = children.get(i);
                OsbClient via = i % 2 == 0 ? a : b;
                long delayMillis = round == 3 ? 25L + i * 4L : (long) i * round * 2;
                childAnswers.add(threads.submit(() -> {
                    go.await();
                    Thread.sleep(delayMillis);
                    return via.put(
                            ChildDatabaseTest.path(child),
                            ChildDatabaseTest.childBody(ChildDatabaseTest.DB_100MB, Map.of("cluster", name), "db"));
                }));
            }
            go.countDown();
            Answer deleted = java.util.Objects.requireNonNull(deleteAnswer).get(120, TimeUnit.SECONDS);
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                Answer answer = childAnswers.get(i).get(120, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.toString()).isIn(201, 400);
                if (answer.status() == 201) {
                    accepted.add(children.get(i));
                } else {
                    assertThat(answer.text("description")).contains("being deleted");
                }
            }
            System.out.printf(
                    "%s round %d: cluster delete answered %d, %d of %d child creates accepted%n",
                    getClass().getName(), round, deleted.status(), accepted.size(), CHILDREN);
            List<String> live = second.bean(ChildStore.class).liveChildren(cluster);
            if (deleted.status() == 202) {
                assertThat(accepted)
                        .as("round %d: children accepted after the delete", round)
                        .isEmpty();
                assertThat(live).isEmpty();
            } else {
                assertThat(deleted.status()).as(deleted.toString()).isEqualTo(400);
                assertThat(deleted.text("description")).contains("can not delete cluster service instance");
                assertThat(live).containsExactlyInAnyOrderElementsOf(accepted);
                List<String> databases = ChildDatabaseTest.databases();
                for (String child : accepted) {
                    assertThat(databases).contains(MysqlChildDriver.databaseName(child));
                }
                cleanUp(a, accepted);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void cleanUp(OsbClient osb, List<String> children) {
        for (String child : children) {
            assertThat(osb.delete(ChildDatabaseTest.path(child) + "?service_id=" + ClusterLifeContract.SERVICE
                                    + "&plan_id=" + ChildDatabaseTest.DB_100MB)
                            .status())
                    .isEqualTo(200);
        }
    }
}
