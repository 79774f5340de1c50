package io.dedicate.compiler;

import java.nio.file.Path;

/** Where the repository's files are, for tests that compile the real offerings. */
public final class RepositoryFiles {

    /** The repository root: the {@code dedicate.repo.root} system property surefire sets. */
    public static final Path ROOT = Path.of(System.getProperty("dedicate.repo.root", ".."))
            .toAbsolutePath()
            .normalize();

    /** {@code offerings/}, the real offerings. */
    public static final Path OFFERINGS = ROOT.resolve("offerings");

    private RepositoryFiles() {}
}
