package io.dedicate.broker.git;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The deployment repository could not be written or read: a remote that cannot be reached, a push rejected more times
 * than the deployer retries, a corrupt or foreign repository in the data directory.
 *
 * <p>Unchecked on purpose: the broker's lifecycle code catches it at one place, records the operation as "waiting to
 * commit" and tries again later. The message names the repository and, when there is one, the operation.
 */
public final class GitDeployException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with a message naming the repository (and operation), caused by {@code cause}. */
    public GitDeployException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** An error with a message naming the repository (and operation). */
    public GitDeployException(String message) {
        super(message);
    }
}
