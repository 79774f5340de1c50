package io.dedicate.broker.state;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A cleanup commit still to make: the folder {@code gitPath} of the deleted instance {@code instanceId}, whose delete
 * operation {@code operationId} succeeded.
 *
 * @param attempts failed attempts so far
 * @param lastError why the last attempt failed, null before the first failure
 */
public record PendingCleanup(
        String instanceId,
        String operationId,
        String gitPath,
        Instant recordedAt,
        int attempts,
        @Nullable String lastError) {}
