package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlAdminEndpoint;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as a separate JVM, killed with {@code kill -9} (SIGKILL: {@code Process.destroyForcibly}) under a mixed
 * load, many rounds: provisions, cluster updates and deletes, the pipelines' reports, child databases created on a real
 * MariaDB (the clusters report its admin endpoint), bindings and unbindings, and the broker's own {@code gc} (packing
 * runs every second on every loose object). Each round ends with a kill, either right after a 2xx answer or while one
 * last request is in flight (its outcome unknown). After each restart, the invariants:
 *
 * <ul>
 *   <li>every 2xx survived: each provision, update and delete answered 202 is still in progress or as reported, each
 *       report answered 200 is the operation's outcome, each child answered 201 exists, each binding answered 201
 *       fetches, each unbinding answered 200 stays gone;
 *   <li>git and the state agree: the instance folders at the tip are the clusters the broker knows and has not deleted
 *       (a deleted cluster's folder is removed, at the latest by the start-up's cleanup retry);
 *   <li>no duplicate commit per operation ({@code Operation-Id:} trailers, the meta pipeline's aside);
 *   <li>no database or user on the MariaDB that the broker does not know: for every child and binding the test ever
 *       asked for (answered or not), the database (user) exists exactly when the broker fetches the child (binding),
 *       once its recovery pass ran;
 *   <li>no git lock file left, the data directory 0700, and the health {@code UP};
 * </ul>
 *
 * and at the end every operation the broker accepted ends once reported. {@code -Ddedicate.test.crash.rounds=N} (the
 * benchmark profile: 40) runs more rounds than the suite's 3; the seed is printed and can be given back with {@code
 * -Ddedicate.test.crash.seed=S}.
 */
class CrashTest {

    private static final Duration SETTLE = Duration.ofSeconds(45);

    @TempDir
    Path work;

    @Test
    void everyAnswerSurvivesAKillMinusNine() {
        long seed = Long.getLong("dedicate.test.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("dedicate.test.crash.rounds", 3);
        System.out.println("CrashTest: seed " + seed + ", " + rounds + " rounds");
        Random random = new Random(seed);
        Path bundle = TestBundles.clusterBrokerBundle();
        Path data = work.resolve("data");
        Model model = new Model();
        long started = System.nanoTime();
        for (int round = 0; round <= rounds; round++) {
            // a child or binding killed while being created stays `creating` until the recovery sweep gives it up
            // after the grace period (5 min by default): 10 s here, so that the sweep runs within SETTLE
            ClusterBrokerProcess broker = ClusterBrokerProcess.start(
                    bundle,
                    data,
                    List.of(
                            "--dedicate.recovery-interval=PT1S",
                            "--dedicate.children.creating-grace=PT10S",
                            "--dedicate.git.pack-above-loose-objects=0"));
            try {
                String when = "round " + round + " (seed " + seed + ")";
                assertSurvived(broker, model, when);
                if (round == rounds) {
                    endEveryOperation(broker, model, when);
                    break;
                }
                drive(broker, random, model);
            } finally {
                broker.kill();
            }
        }
        System.out.println("CrashTest: " + rounds + " rounds, " + model.answers + " 2xx answers, " + model.inFlight
                + " requests killed in flight, " + model.clusters.size() + " clusters, " + model.children.size()
                + " children, " + model.bindings.size() + " bindings, "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
    }

    // ------------------------------------------------------------------ the model

    /** Where a cluster is, as the broker's 2xx answers said. */
    private enum Phase {
        CREATING,
        READY,
        UPDATING,
        DELETING,
        DELETED
    }

    /** What the broker answered with a 2xx, and what the test asked for without knowing the answer. */
    private static final class Model {
        final Map<String, Phase> clusters = new LinkedHashMap<>();
        /** Clusters whose last request was killed in flight: left alone, checked only against the broker itself. */
        final Set<String> uncertainClusters = new LinkedHashSet<>();
        /** Clusters a child was ever asked for in: never deleted by the test. */
        final Set<String> parents = new LinkedHashSet<>();
        /** Children answered 201, with their cluster. */
        final Map<String, String> children = new LinkedHashMap<>();
        /** Every child asked for, answered or not. */
        final Set<String> askedChildren = new LinkedHashSet<>();
        /** Bindings answered 201 and not unbound, with their child. */
        final Map<String, String> bindings = new LinkedHashMap<>();
        /** Bindings whose unbinding was answered 200. */
        final Set<String> unbound = new LinkedHashSet<>();
        /** Every binding asked for (or unbound), answered or not, with its child. */
        final Map<String, String> askedBindings = new LinkedHashMap<>();
        /** Bindings whose last request was killed in flight. */
        final Set<String> uncertainBindings = new LinkedHashSet<>();

        int answers;
        int inFlight;

        List<String> clustersIn(Phase... phases) {
            List<String> found = new ArrayList<>();
            clusters.forEach((id, phase) -> {
                if (!uncertainClusters.contains(id) && List.of(phases).contains(phase)) {
                    found.add(id);
                }
            });
            return found;
        }
    }

    /** One step of the load: sends a request, checks its 2xx, and records it in the model once answered. */
    private interface Step {
        /** Sends the request; returns what to record once it is answered. */
        Runnable send();
    }

    /**
     * Sends random valid requests until a random number of 2xx answers, then either kills the broker right after the
     * last answer or sends one more request and kills the broker while it runs.
     */
    private static void drive(ClusterBrokerProcess broker, Random random, Model model) {
        int answersBeforeKill = 1 + random.nextInt(8);
        for (int answers = 0; answers < answersBeforeKill; answers++) {
            Step step = nextStep(broker, random, model);
            step.send().run();
            model.answers++;
        }
        if (random.nextBoolean()) {
            Step last = nextStep(broker, random, model);
            Thread inFlight = new Thread(() -> {
                try {
                    last.send();
                } catch (RuntimeException | AssertionError killed) {
                    // the answer may never come: the broker is killed meanwhile
                }
            });
            model.inFlight++;
            inFlight.start();
            sleep(random.nextInt(400));
            broker.kill();
            try {
                inFlight.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        broker.kill();
    }

    /**
     * A random request that is valid in the model's state. Its {@link Step#send()} marks what it touches as uncertain
     * before sending (so a request killed in flight leaves it uncertain), and returns the model's update for a 2xx.
     */
    private static Step nextStep(ClusterBrokerProcess broker, Random random, Model model) {
        OsbClient osb = broker.client();
        List<String> reportable = model.clustersIn(Phase.CREATING, Phase.UPDATING, Phase.DELETING);
        List<String> ready = model.clustersIn(Phase.READY);
        List<String> deletable = new ArrayList<>(ready);
        deletable.removeAll(model.parents);
        List<String> liveChildren = new ArrayList<>();
        model.children.forEach((child, cluster) -> {
            if (ready.contains(cluster)) {
                liveChildren.add(child);
            }
        });
        List<String> liveBindings = new ArrayList<>();
        model.bindings.forEach((binding, child) -> {
            if (liveChildren.contains(child) && !model.uncertainBindings.contains(binding)) {
                liveBindings.add(binding);
            }
        });
        List<Supplier<Step>> candidates = new ArrayList<>();
        candidates.add(() -> provision(broker, osb, model));
        if (!reportable.isEmpty()) {
            candidates.add(() -> report(broker, model, pick(random, reportable)));
            candidates.add(() -> report(broker, model, pick(random, reportable)));
        }
        if (!ready.isEmpty()) {
            candidates.add(() -> update(broker, osb, model, pick(random, ready)));
            candidates.add(() -> createChild(broker, osb, model, pick(random, ready)));
            candidates.add(() -> createChild(broker, osb, model, pick(random, ready)));
        }
        if (!deletable.isEmpty()) {
            candidates.add(() -> delete(broker, osb, model, pick(random, deletable)));
        }
        if (!liveChildren.isEmpty()) {
            candidates.add(() -> bind(broker, osb, model, pick(random, liveChildren)));
            candidates.add(() -> bind(broker, osb, model, pick(random, liveChildren)));
        }
        if (!liveBindings.isEmpty()) {
            candidates.add(() -> unbind(broker, osb, model, pick(random, liveBindings)));
        }
        return pick(random, candidates).get();
    }

    private static Step provision(ClusterBrokerProcess broker, OsbClient osb, Model model) {
        String cluster = UUID.randomUUID().toString();
        return () -> {
            model.uncertainClusters.add(cluster);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service_id", broker.catalogId("p-mysql", null));
            body.put("plan_id", broker.catalogId("p-mysql", "cluster"));
            body.put("context", ClusterLifeContract.context("crash-" + cluster.substring(0, 8)));
            body.put("parameters", Map.of());
            Answer answer = osb.put(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true", body);
            assertThat(answer.status()).as("provision: " + answer).isEqualTo(202);
            return () -> {
                model.clusters.put(cluster, Phase.CREATING);
                model.uncertainClusters.remove(cluster);
            };
        };
    }

    private static Step report(ClusterBrokerProcess broker, Model model, String cluster) {
        return () -> {
            model.uncertainClusters.add(cluster);
            Phase phase = java.util.Objects.requireNonNull(model.clusters.get(cluster));
            Answer answer = reportSucceeded(broker, cluster, phase == Phase.CREATING);
            assertThat(answer.status())
                    .as("report of " + cluster + " " + phase + ": " + answer)
                    .isEqualTo(200);
            return () -> {
                model.clusters.put(cluster, phase == Phase.DELETING ? Phase.DELETED : Phase.READY);
                model.uncertainClusters.remove(cluster);
            };
        };
    }

    private static Step update(ClusterBrokerProcess broker, OsbClient osb, Model model, String cluster) {
        return () -> {
            model.uncertainClusters.add(cluster);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service_id", broker.catalogId("p-mysql", null));
            body.put("parameters", Map.of("recreate", true));
            Answer answer = osb.patch(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true", body);
            assertThat(answer.status())
                    .as("update of " + cluster + ": " + answer)
                    .isEqualTo(202);
            return () -> {
                model.clusters.put(cluster, Phase.UPDATING);
                model.uncertainClusters.remove(cluster);
            };
        };
    }

    private static Step delete(ClusterBrokerProcess broker, OsbClient osb, Model model, String cluster) {
        return () -> {
            model.uncertainClusters.add(cluster);
            Answer answer = osb.delete(ChildDatabaseTest.path(cluster) + "?accepts_incomplete=true&service_id="
                    + broker.catalogId("p-mysql", null) + "&plan_id=" + broker.catalogId("p-mysql", "cluster"));
            assertThat(answer.status())
                    .as("delete of " + cluster + ": " + answer)
                    .isEqualTo(202);
            return () -> {
                model.clusters.put(cluster, Phase.DELETING);
                model.uncertainClusters.remove(cluster);
            };
        };
    }

    private static Step createChild(ClusterBrokerProcess broker, OsbClient osb, Model model, String cluster) {
        String child = UUID.randomUUID().toString();
        return () -> {
            model.parents.add(cluster);
            model.askedChildren.add(child);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service_id", broker.catalogId("p-mysql", null));
            body.put("plan_id", broker.catalogId("p-mysql", "default"));
            body.put("context", ClusterLifeContract.context("db-" + child.substring(0, 8)));
            body.put("parameters", Map.of("cluster", cluster));
            Answer answer = osb.put(ChildDatabaseTest.path(child), body);
            assertThat(answer.status())
                    .as("child in " + cluster + ": " + answer)
                    .isEqualTo(201);
            return () -> model.children.put(child, cluster);
        };
    }

    private static Step bind(ClusterBrokerProcess broker, OsbClient osb, Model model, String child) {
        String binding = UUID.randomUUID().toString();
        return () -> {
            model.askedBindings.put(binding, child);
            model.uncertainBindings.add(binding);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service_id", broker.catalogId("p-mysql", null));
            body.put("plan_id", broker.catalogId("p-mysql", "default"));
            body.put("bind_resource", Map.of("app_guid", "app-1"));
            body.put("parameters", Map.of());
            Answer answer = osb.put(ChildDatabaseTest.bindingPath(child, binding), body);
            assertThat(answer.status())
                    .as("binding to " + child + ": " + answer)
                    .isEqualTo(201);
            return () -> {
                model.bindings.put(binding, child);
                model.uncertainBindings.remove(binding);
            };
        };
    }

    private static Step unbind(ClusterBrokerProcess broker, OsbClient osb, Model model, String binding) {
        String child = java.util.Objects.requireNonNull(model.bindings.get(binding));
        return () -> {
            model.uncertainBindings.add(binding);
            Answer answer = osb.delete(ChildDatabaseTest.bindingPath(child, binding) + "?service_id="
                    + broker.catalogId("p-mysql", null) + "&plan_id=" + broker.catalogId("p-mysql", "default"));
            assertThat(answer.status())
                    .as("unbinding " + binding + ": " + answer)
                    .isEqualTo(200);
            return () -> {
                model.bindings.remove(binding);
                model.unbound.add(binding);
                model.uncertainBindings.remove(binding);
            };
        };
    }

    /**
     * The pipeline's success report of the cluster's current operation, sent to this broker process (the report URL
     * names the port of an earlier one); a deploy reports the MariaDB's admin endpoint as the cluster's outputs.
     */
    private static Answer reportSucceeded(ClusterBrokerProcess broker, String cluster, boolean deploy) {
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + cluster;
        String operation = java.util.Objects.requireNonNull(
                broker.repository().read(folder + "/operation.json"), "operation.json of " + cluster);
        java.net.URI url = java.net.URI.create(ClusterLifeContract.reportUrl(operation));
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (deploy) {
            MysqlAdminEndpoint admin = MariaDbServer.get().admin();
            outputs.put("host", admin.host());
            outputs.put("port", admin.port());
            outputs.put("admin_username", admin.adminUsername());
            outputs.put("admin_password", admin.adminPassword());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "succeeded");
        body.put("description", "pipeline succeeded");
        body.put("outputs", outputs);
        return new OsbClient(broker::baseUrl).report(url.getRawPath(), body);
    }

    // ------------------------------------------------------------------ the invariants

    private static void assertSurvived(ClusterBrokerProcess broker, Model model, String when) {
        OsbClient osb = broker.client();
        model.clusters.forEach((cluster, phase) -> {
            if (model.uncertainClusters.contains(cluster)) {
                return;
            }
            Answer last = osb.get(ChildDatabaseTest.path(cluster) + "/last_operation");
            String what = when + ": cluster " + cluster + " answered " + phase + ", then: " + last;
            switch (phase) {
                case CREATING, UPDATING, DELETING -> {
                    assertThat(last.status()).as(what).isEqualTo(200);
                    assertThat(last.text("state")).as(what).isEqualTo("in progress");
                }
                case READY -> {
                    assertThat(last.status()).as(what).isEqualTo(200);
                    assertThat(last.text("state")).as(what).isEqualTo("succeeded");
                }
                case DELETED -> assertThat(last.status()).as(what).isEqualTo(410);
            }
        });
        for (String child : model.children.keySet()) {
            assertThat(osb.get(ChildDatabaseTest.path(child)).status())
                    .as(when + ": child " + child + " was answered 201")
                    .isEqualTo(200);
        }
        model.bindings.forEach((binding, child) -> {
            if (!model.uncertainBindings.contains(binding)) {
                assertThat(osb.get(ChildDatabaseTest.bindingPath(child, binding))
                                .status())
                        .as(when + ": binding " + binding + " was answered 201")
                        .isEqualTo(200);
            }
        });
        for (String binding : model.unbound) {
            if (!model.uncertainBindings.contains(binding)) {
                assertThat(osb.get(ChildDatabaseTest.bindingPath(
                                        java.util.Objects.requireNonNull(model.askedBindings.get(binding)), binding))
                                .status())
                        .as(when + ": binding " + binding + " was unbound (200)")
                        .isEqualTo(404);
            }
        }
        eventually(when + ": git and the state agree", () -> gitAgreesWithState(broker, model));
        eventually(when + ": MariaDB holds what the broker knows", () -> mariaDbAgrees(broker, model));
        assertNoDuplicateCommit(broker, when);
        // the broker's own passes (a gc every second here, the meta pipeline) hold a lock file for a moment: one
        // left by a crash stays, so what is checked is that none stays
        eventually(when + ": no lock file left", () -> lockFilesLeft(broker));
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(broker.data())))
                    .isEqualTo("rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer health = osb.get("/health");
        assertThat(health.status()).as(when + ": " + health).isEqualTo(200);
        assertThat(health.text("status")).as(when + ": health " + health).isEqualTo("UP");
    }

    /** Null when no git lock file nor {@code gc.pid} is in the data directory (the broker's own lock excepted). */
    private static @Nullable String lockFilesLeft(ClusterBrokerProcess broker) {
        try (Stream<Path> files = Files.walk(broker.data())) {
            List<Path> locks = files.filter(f -> {
                        String name = f.getFileName().toString();
                        return (name.endsWith(".lock") && !name.equals("broker.lock")) || name.equals("gc.pid");
                    })
                    .toList();
            return locks.isEmpty() ? null : "lock files left: " + locks;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.NoSuchFileException gone) {
                return "a file went while the data directory was walked (a lock released): " + gone.getMessage();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when the instance folders at the tip are exactly the clusters the broker knows and has not deleted. */
    private static @Nullable String gitAgreesWithState(ClusterBrokerProcess broker, Model model) {
        OsbClient osb = broker.client();
        Set<String> folders = instanceFolders(broker.data().resolve("deployments.git"));
        for (String folder : folders) {
            Answer last = osb.get(ChildDatabaseTest.path(folder) + "/last_operation");
            if (last.status() != 200) {
                return "git has a folder for " + folder + ", the state says " + last;
            }
        }
        for (Map.Entry<String, Phase> cluster : model.clusters.entrySet()) {
            boolean deleted = cluster.getValue() == Phase.DELETED;
            if (!model.uncertainClusters.contains(cluster.getKey()) && folders.contains(cluster.getKey()) == deleted) {
                return "cluster " + cluster.getKey() + " is " + cluster.getValue() + " but its folder is "
                        + (deleted ? "still there" : "missing");
            }
        }
        return null;
    }

    /**
     * Null when, for every child (binding) the test asked for, the database (user) exists on the MariaDB exactly when
     * the broker fetches the child (binding).
     */
    private static @Nullable String mariaDbAgrees(ClusterBrokerProcess broker, Model model) {
        OsbClient osb = broker.client();
        Set<String> databases = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        try (Connection connection = MariaDbServer.get().adminConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SHOW DATABASES")) {
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT User FROM mysql.user")) {
                while (rows.next()) {
                    users.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the MariaDB's databases and users", e);
        }
        for (String child : model.askedChildren) {
            boolean known = osb.get(ChildDatabaseTest.path(child)).status() == 200;
            boolean exists = databases.contains(MysqlChildDriver.databaseName(child));
            if (known != exists) {
                return "child " + child + ": the broker " + (known ? "knows it" : "does not know it")
                        + ", its database " + (exists ? "exists" : "does not exist");
            }
        }
        Map<String, Boolean> bindingKnown = new HashMap<>();
        model.askedBindings.forEach((binding, child) -> bindingKnown.put(
                binding, osb.get(ChildDatabaseTest.bindingPath(child, binding)).status() == 200));
        for (Map.Entry<String, Boolean> binding : bindingKnown.entrySet()) {
            boolean exists = users.contains(MysqlChildDriver.userName(binding.getKey()));
            if (binding.getValue() != exists) {
                return "binding " + binding.getKey() + ": the broker "
                        + (binding.getValue() ? "knows it" : "does not know it") + ", its user "
                        + (exists ? "exists" : "does not exist");
            }
        }
        return null;
    }

    /** Every commit's {@code Operation-Id:} once at most (the meta pipeline's ids are its content's hash: aside). */
    private static void assertNoDuplicateCommit(ClusterBrokerProcess broker, String when) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String message : broker.repository().messages()) {
            message.lines()
                    .filter(line -> line.startsWith("Operation-Id: "))
                    .map(line -> line.substring("Operation-Id: ".length()).strip())
                    .filter(id -> !id.startsWith("meta-"))
                    .forEach(id -> seen.merge(id, 1, Integer::sum));
        }
        seen.values().removeIf(count -> count == 1);
        assertThat(seen).as(when + ": operations committed more than once").isEmpty();
    }

    /** Reports every operation still in progress (answered or not), and checks that each ends. */
    private static void endEveryOperation(ClusterBrokerProcess broker, Model model, String when) {
        OsbClient osb = broker.client();
        Set<String> clusters = new LinkedHashSet<>(model.clusters.keySet());
        clusters.addAll(model.uncertainClusters);
        for (String cluster : clusters) {
            Answer last = osb.get(ChildDatabaseTest.path(cluster) + "/last_operation");
            if (last.status() == 200 && "in progress".equals(last.text("state"))) {
                String kind = broker.repository()
                        .read(ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + cluster
                                + "/operation.json");
                Answer report = reportSucceeded(broker, cluster, kind != null && kind.contains("\"kind\":\"deploy\""));
                assertThat(report.status())
                        .as(when + ": report of " + cluster + ": " + report)
                        .isEqualTo(200);
                Answer ended = osb.get(ChildDatabaseTest.path(cluster) + "/last_operation");
                assertThat(ended.status() == 410 || "succeeded".equals(ended.text("state")))
                        .as(when + ": the operation of " + cluster + " ends once reported: " + ended)
                        .isTrue();
            }
        }
    }

    private static void eventually(String what, Supplier<@Nullable String> mismatch) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        @Nullable String last = mismatch.get();
        while (last != null && System.nanoTime() < deadline) {
            sleep(250);
            last = mismatch.get();
        }
        assertThat(last).as(what).isNull();
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The instance folders at the tip of the deployment repository (the folders of the test space). */
    private static Set<String> instanceFolders(Path gitDir) {
        Set<String> folders = new LinkedHashSet<>();
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repository)) {
            var tip = repository.resolve("refs/heads/main");
            if (tip == null) {
                return folders;
            }
            String space = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE;
            try (TreeWalk tree =
                    TreeWalk.forPath(repository, space, walk.parseCommit(tip).getTree())) {
                if (tree == null) {
                    return folders;
                }
                tree.enterSubtree();
                while (tree.next()) {
                    if (tree.isSubtree()) {
                        folders.add(tree.getNameString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folders;
    }
}
