package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds small release tarballs the way {@code bosh create-release --tarball} lays them out
 * ({@code release.MF}, {@code jobs/NAME.tgz} holding {@code job.MF} and {@code templates/}), with
 * the system's {@code tar}.
 */
public final class TestReleases {

    private TestReleases() {}

    /** A release with one job: its job.MF and one template, {@code templates/config.erb}. */
    public static Path tarball(Path dir, String release, String jobManifest, String template)
            throws IOException, InterruptedException {
        String job = jobManifest
                .lines()
                .findFirst()
                .orElseThrow()
                .replace("name:", "")
                .trim();
        Path work = Files.createDirectories(dir.resolve(release + "-build"));
        Path jobRoot = work.resolve("job-" + job);
        Path templates = Files.createDirectories(jobRoot.resolve("templates"));
        Files.writeString(templates.resolve("config.erb"), template);
        Files.writeString(jobRoot.resolve("job.MF"), jobManifest);
        Path releaseRoot = work.resolve("release");
        Path releaseDir = Files.createDirectories(releaseRoot.resolve("jobs"));
        run(
                work,
                "tar",
                "-czf",
                releaseDir.resolve(job + ".tgz").toString(),
                "-C",
                jobRoot.toString(),
                "./job.MF",
                "./templates");
        Files.writeString(
                releaseRoot.resolve("release.MF"),
                "name: " + release + "\nversion: 1.0.0\njobs:\n- name: " + job + "\n");
        Path tarball = dir.resolve(release + ".tgz");
        run(work, "tar", "-czf", tarball.toString(), "-C", releaseRoot.toString(), "./release.MF", "./jobs");
        return tarball;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
