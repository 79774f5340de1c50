package io.dedicate.broker.git;

import java.nio.file.Path;

/**
 * A git lock file that stops the broker's commits and that the broker cannot prove stale, so it does not remove it: the
 * branch lock of a remote repository (reachable as a path; another process may be pushing), or a lock in its own
 * repository that a commit found held (a {@code git gc} an operator runs, another program).
 *
 * @param file the lock file
 * @param reason why it is there and what to do, for the log and the health status
 */
public record UnprovenLock(Path file, String reason) {}
