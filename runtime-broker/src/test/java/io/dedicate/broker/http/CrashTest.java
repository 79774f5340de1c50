package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as a separate JVM, killed with {@code kill -9} (SIGKILL: {@code Process.destroyForcibly}) right after a
 * 2xx answer, at a random point of a sequence of provisions and reports, for a few rounds; after each restart: every
 * 2xx answered before the kill is still known (each provisioned instance, each accepted report's outcome), git and the
 * state agree (every instance folder in git is an instance the broker knows), no git lock file is left, and the
 * broker starts. {@code -Ddedicate.test.crash.rounds=N} (the benchmark profile) runs more rounds; the seed is printed
 * and can be given back with {@code -Ddedicate.test.crash.seed=S}.
 */
class CrashTest {

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
        Set<String> provisioned = new LinkedHashSet<>();
        Set<String> reported = new LinkedHashSet<>();
        for (int round = 0; round <= rounds; round++) {
            ClusterBrokerProcess broker = ClusterBrokerProcess.start(bundle, data);
            try {
                assertSurvived(broker, provisioned, reported, "round " + round + " (seed " + seed + ")");
                if (round == rounds) {
                    break;
                }
                drive(broker, random, provisioned, reported);
            } finally {
                broker.kill();
            }
        }
    }

    /** Provisions and reports until a random 2xx answer, then kills the broker right after it. */
    private static void drive(
            ClusterBrokerProcess broker, Random random, Set<String> provisioned, Set<String> reported) {
        OsbClient osb = broker.client();
        int answersBeforeKill = 1 + random.nextInt(6);
        List<String> unreported = new ArrayList<>(provisioned);
        unreported.removeAll(reported);
        int answers = 0;
        while (answers < answersBeforeKill) {
            if (!unreported.isEmpty() && random.nextBoolean()) {
                String instance = unreported.remove(random.nextInt(unreported.size()));
                Answer answer = report(broker, instance);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                reported.add(instance);
            } else {
                String instance = UUID.randomUUID().toString();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("service_id", broker.catalogId("p-mysql", null));
                body.put("plan_id", broker.catalogId("p-mysql", "cluster"));
                body.put("context", ClusterLifeContract.context("crash-" + instance.substring(0, 8)));
                body.put("parameters", Map.of());
                Answer answer = osb.put(ChildDatabaseTest.path(instance) + "?accepts_incomplete=true", body);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
                provisioned.add(instance);
                unreported.add(instance);
            }
            answers++;
        }
        broker.kill();
    }

    /** The pipeline's success report, sent to this broker process (the report URL names the port of an earlier one). */
    private static Answer report(ClusterBrokerProcess broker, String instance) {
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + instance;
        DeploymentRepository repository = broker.repository();
        String operation = java.util.Objects.requireNonNull(repository.read(folder + "/operation.json"));
        java.net.URI url = java.net.URI.create(ClusterLifeContract.reportUrl(operation));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "succeeded");
        body.put("description", "deploy succeeded");
        body.put("outputs", Map.of());
        return new OsbClient(broker::baseUrl).report(url.getRawPath(), body);
    }

    private static void assertSurvived(
            ClusterBrokerProcess broker, Set<String> provisioned, Set<String> reported, String when) {
        OsbClient osb = broker.client();
        for (String instance : provisioned) {
            Answer last = osb.get(ChildDatabaseTest.path(instance) + "/last_operation");
            assertThat(last.status())
                    .as(when + ": instance " + instance + " was answered 202, then: " + last)
                    .isEqualTo(200);
            if (reported.contains(instance)) {
                assertThat(last.text("state"))
                        .as(when + ": the report of " + instance + " was answered 200")
                        .isEqualTo("succeeded");
            }
        }
        Set<String> folders = instanceFolders(broker.data().resolve("deployments.git"));
        assertThat(folders).as(when + ": every instance answered is committed").containsAll(provisioned);
        for (String folder : folders) {
            Answer last = osb.get(ChildDatabaseTest.path(folder) + "/last_operation");
            assertThat(last.status())
                    .as(when + ": git has a folder for " + folder + ", the state must know it: " + last)
                    .isEqualTo(200);
        }
        try (Stream<Path> files = Files.walk(broker.data())) {
            List<Path> locks = files.filter(f -> {
                        String name = f.getFileName().toString();
                        return (name.endsWith(".lock") && !name.equals("broker.lock")) || name.equals("gc.pid");
                    })
                    .toList();
            assertThat(locks).as(when + ": lock files left").isEmpty();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(broker.data())))
                    .isEqualTo("rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
