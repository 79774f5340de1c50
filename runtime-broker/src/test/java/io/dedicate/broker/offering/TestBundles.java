package io.dedicate.broker.offering;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.bundle.BundleDigest;
import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.BundleWriter;
import io.dedicate.compiler.OfferingCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The real bundles tests run against: the repository's {@code offerings/} compiled with the real
 * compiler (a test dependency only; the broker itself reads bundles, never offering files). Each
 * bundle is compiled once per JVM into a temporary folder and reused; tests must not modify it (copy
 * the files of {@link #mysqlFiles()}, change them and {@link #write} them elsewhere).
 */
public final class TestBundles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static @Nullable Path mysqlBundle;
    private static @Nullable SortedMap<String, byte[]> mysqlFiles;
    private static @Nullable Path clusterBrokerBundle;
    private static @Nullable Path delegatingBundle;

    /**
     * What {@link #delegatingMysqlBundle()} adds to {@code mysql.offering}: a child plan served by the cluster's own
     * broker and the outputs that reach it. The real offering has neither (pxc-release has no service broker job).
     */
    private static final Map<String, String> DELEGATE_PLAN = Map.of("  child plan 100mb {", """
              child plan database {
                description "A database in your dedicated cluster, managed by the cluster's own broker"
                free
                driver delegate { service "p-mysql"; plan "default" }
              }
              child plan 100mb {""", "  outputs {\n", """
              outputs {
                broker_url : string = "https://q-s0.broker.tenant-clusters.mysql-${instance.id}.bosh:8081"
                broker_username : string = "admin"
                broker_password : string = vars.proxy_api_password secret
            """);

    private TestBundles() {}

    /** The repository root, which surefire passes as {@code dedicate.repo.root}. */
    public static Path repoRoot() {
        String root = System.getProperty("dedicate.repo.root");
        Path path =
                root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("offerings"))) {
            throw new IllegalStateException("no offerings/ folder under " + path
                    + "; run the tests with Maven, which sets -Ddedicate.repo.root");
        }
        return path;
    }

    /** The bundle of {@code offerings/} (the MySQL offering), as a directory; compiled once per JVM. */
    public static synchronized Path mysqlBundle() {
        if (mysqlBundle == null) {
            try {
                Path directory =
                        Files.createTempDirectory("dedicate-test-bundle-").resolve("bundle");
                new BundleWriter().write(mysqlFiles(), directory);
                mysqlBundle = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mysqlBundle;
    }

    /** The files of {@link #mysqlBundle()} (path to content, sorted); a fresh copy each call. */
    public static synchronized SortedMap<String, byte[]> mysqlFiles() {
        if (mysqlFiles == null) {
            Bundle bundle = new OfferingCompiler().compile(List.of(repoRoot().resolve("offerings")));
            if (bundle.result().hasErrors()) {
                throw new IllegalStateException(
                        "offerings/ does not compile: " + bundle.result().diagnostics());
            }
            mysqlFiles = new TreeMap<>(bundle.files().files());
        }
        SortedMap<String, byte[]> copy = new TreeMap<>();
        mysqlFiles.forEach((path, content) -> copy.put(path, content.clone()));
        return copy;
    }

    /**
     * Rewrites model.json's digest in {@code files} to match the other files, for tests that change a
     * bundle on purpose and want a later check (not the digest) to see the change.
     */
    public static void redigest(SortedMap<String, byte[]> files) {
        try {
            ObjectNode model = (ObjectNode) JSON.readTree(files.get("model.json"));
            model.put("digest", BundleDigest.of(files));
            files.put("model.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code files} as a bundle at {@code target}: a directory, or a jar when the name ends in {@code .jar}. */
    public static Path write(SortedMap<String, byte[]> files, Path target) {
        try {
            new BundleWriter().write(files, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bundle of {@code offerings/} with {@code mysql.offering} given a {@code database} child plan of the {@code
     * delegate} driver (plan id {@code 208335a1-c29f-5695-98a7-7b223c68b9f9}) and the {@code broker_url}, {@code
     * broker_username}, {@code broker_password} outputs it needs: for the tests of delegated children, which the real
     * offering no longer has. Compiled once per JVM.
     */
    public static synchronized Path delegatingMysqlBundle() {
        if (delegatingBundle == null) {
            try {
                Path root = Files.createTempDirectory("dedicate-delegating-bundle-");
                Path offerings = root.resolve("offerings");
                Path source = repoRoot().resolve("offerings");
                try (java.util.stream.Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.sorted().toList()) {
                        Path copy = offerings.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(file, copy);
                        }
                    }
                }
                Path offering = offerings.resolve("mysql.offering");
                String text = Files.readString(offering, java.nio.charset.StandardCharsets.UTF_8);
                for (Map.Entry<String, String> change : DELEGATE_PLAN.entrySet()) {
                    if (!text.contains(change.getKey())) {
                        throw new IllegalStateException("mysql.offering no longer contains: " + change.getKey());
                    }
                    text = text.replace(
                            change.getKey(),
                            change.getValue().stripTrailing() + (change.getKey().endsWith("\n") ? "\n" : ""));
                }
                Files.writeString(offering, text, java.nio.charset.StandardCharsets.UTF_8);
                Bundle bundle = new OfferingCompiler().compile(List.of(offerings));
                if (bundle.result().hasErrors()) {
                    throw new IllegalStateException("the delegating mysql.offering does not compile: "
                            + bundle.result().diagnostics());
                }
                Path directory = root.resolve("bundle");
                new BundleWriter().write(new TreeMap<>(bundle.files().files()), directory);
                delegatingBundle = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return delegatingBundle;
    }

    /**
     * The bundle of {@code runtime-broker/src/test/resources/offerings/cluster-broker/} (service {@code p-mysql}: a
     * cluster plan and a {@code default} child plan of the {@code mysql} driver), served by a second broker that plays a
     * dedicated cluster's own broker; compiled once per JVM.
     */
    public static synchronized Path clusterBrokerBundle() {
        if (clusterBrokerBundle == null) {
            Path offerings = repoRoot().resolve("runtime-broker/src/test/resources/offerings/cluster-broker");
            Bundle bundle = new OfferingCompiler().compile(List.of(offerings));
            if (bundle.result().hasErrors()) {
                throw new IllegalStateException(
                        offerings + " does not compile: " + bundle.result().diagnostics());
            }
            try {
                Path directory = Files.createTempDirectory("dedicate-cluster-broker-bundle-")
                        .resolve("bundle");
                new BundleWriter().write(new TreeMap<>(bundle.files().files()), directory);
                clusterBrokerBundle = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return clusterBrokerBundle;
    }
}
