package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The releases' job specs of {@code ../shared/bosh-releases/} (see its SOURCE.md). Missing means failing, not skipping. */
final class SharedReleases {

    private SharedReleases() {}

    static Path folder(String release) {
        String root = System.getProperty("dedicate.repo.root");
        if (root == null) {
            fail("system property dedicate.repo.root is not set (the build sets it to the repository root);"
                    + " the release specs are expected at <repo root>/../shared/bosh-releases/" + release);
        }
        Path path = Path.of(root)
                .resolve("../shared/bosh-releases")
                .resolve(release)
                .normalize();
        if (!Files.isDirectory(path.resolve("jobs"))) {
            throw new AssertionError("the job specs of " + release + " are missing: expected " + path
                    + "/jobs/JOB/spec (../shared/bosh-releases/ next to the repository)");
        }
        return path;
    }
}
