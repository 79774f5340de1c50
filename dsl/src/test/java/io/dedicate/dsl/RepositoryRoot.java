package io.dedicate.dsl;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder: where {@code offerings/} and the modules are. */
final class RepositoryRoot {

    private RepositoryRoot() {}

    /**
     * The folder named by the {@code dedicate.repo.root} system property (surefire sets it), or the
     * nearest folder above the working directory that has an {@code offerings} folder.
     */
    static Path find() {
        String property = System.getProperty("dedicate.repo.root");
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property, "offerings"))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("offerings"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no folder with offerings/ above " + Path.of("").toAbsolutePath());
    }
}
