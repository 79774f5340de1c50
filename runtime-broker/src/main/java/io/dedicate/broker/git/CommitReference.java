package io.dedicate.broker.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The reference figure of {@code benchmarks/broker-bench.sh}: what one durable git commit of three files costs on this
 * machine, the floor under a provision's latency. Commits three small files into a fresh local repository of the
 * deployer, with the same fsyncs as the broker (objects, ref and their folders), COUNT times after a warm-up, and
 * prints {@code fsynced_commit_p50_ms=X p99_ms=Y}.
 *
 * <pre>java -cp dedicate-broker.jar -Dloader.main=io.dedicate.broker.git.CommitReference \
 *     org.springframework.boot.loader.launch.PropertiesLauncher DIRECTORY [COUNT]</pre>
 */
public final class CommitReference {
    private CommitReference() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CommitReference DIRECTORY [COUNT]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Files.createDirectories(directory);
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                System.err.println("CommitReference: " + directory + " must be empty");
                System.exit(2);
            }
        }
        double[] millis = new double[count];
        try (GitDeployer git = GitDeployer.open(GitSettings.local(directory))) {
            for (int i = -20; i < count; i++) {
                String id = "reference-" + (i + 20);
                String folder = "org/space/" + id;
                ChangeSet change = new ChangeSet(
                        id,
                        "reference commit " + id,
                        folder + "/operation-id",
                        Map.of(
                                folder + "/pipeline.yml", bytes("jobs: [" + id + "]\n"),
                                folder + "/vars.yml", bytes("instance: " + id + "\n"),
                                folder + "/manifest.yml", bytes("name: " + id + "\n")),
                        Set.of());
                long began = System.nanoTime();
                git.commit(change);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - began) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        System.out.printf(
                "fsynced_commit_p50_ms=%.2f p99_ms=%.2f%n",
                millis[count / 2], millis[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)]);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
