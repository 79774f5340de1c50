package io.dedicate.broker.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the lock files a killed git process leaves in the broker's own repository: {@code *.lock} below {@code
 * refs/} (a killed commit leaves {@code refs/heads/main.lock}, and every later commit fails to lock the branch),
 * {@code packed-refs.lock}, {@code HEAD.lock}, {@code config.lock} and {@code index.lock}, and {@code gc.pid} and
 * {@code gc.log} (a killed {@code gc}: git and JGit then refuse to pack for hours).
 *
 * <p>Only to be called while the broker holds its data directory's lock ({@code DataDirectory}), before it opens the
 * repository: then no other broker works on it and this one has not started, so every such file is stale. Each
 * removal is logged with the file and the reason. A remote repository's locks are not the broker's to remove.
 */
public final class StaleLocks {
    private static final Logger LOG = LoggerFactory.getLogger(StaleLocks.class);

    private static final List<String> TOP_LEVEL =
            List.of("packed-refs.lock", "HEAD.lock", "config.lock", "index.lock", "gc.pid", "gc.log");

    private StaleLocks() {}

    /** Removes the stale lock files of the bare repository {@code repository}; returns the removed files. */
    public static List<Path> removeFrom(Path repository) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(repository)) {
            return removed;
        }
        try {
            for (String name : TOP_LEVEL) {
                remove(repository.resolve(name), removed);
            }
            Path refs = repository.resolve("refs");
            if (Files.isDirectory(refs)) {
                List<Path> locks;
                try (Stream<Path> files = Files.walk(refs)) {
                    locks = files.filter(f -> f.getFileName().toString().endsWith(".lock"))
                            .filter(Files::isRegularFile)
                            .toList();
                }
                for (Path lock : locks) {
                    remove(lock, removed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale git lock files in " + repository + ": " + e, e);
        }
        return removed;
    }

    private static void remove(Path file, List<Path> removed) throws IOException {
        if (Files.deleteIfExists(file)) {
            removed.add(file);
            LOG.warn(
                    "Removed the stale git file {}: left by a git process that was killed (a commit, a gc); this broker "
                            + "holds the data directory's lock and has not opened the repository yet, so nothing "
                            + "else can be using it",
                    file);
        }
    }

    /**
     * The branch's lock file in a remote repository reachable as a local path (a path or {@code file://} URI), if it
     * exists: the broker cannot tell whether another process holds it, so it is only named.
     */
    public static Optional<Path> remoteBranchLock(String remoteUri, String branch) {
        return remoteBranchLockFile(remoteUri, branch).filter(Files::exists);
    }

    /**
     * Where the branch's lock file of a remote repository reachable as a local path (a path or {@code file://} URI)
     * would be; empty for a remote reached over the network (its files cannot be looked at).
     */
    public static Optional<Path> remoteBranchLockFile(String remoteUri, String branch) {
        String path = remoteUri.startsWith("file://") ? remoteUri.substring("file://".length()) : remoteUri;
        if (path.contains("://") || (path.contains("@") && path.contains(":"))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).resolve("refs/heads/" + branch + ".lock"));
    }
}
