package io.dedicate.broker.state;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One operation on an instance, as stored: what it aims at (the {@code target*} fields, applied to the instance only
 * when it succeeds), how it is authenticated (the hash of its report token), and how far its git commit is.
 *
 * <p>{@code renderedFilesJson} (a JSON object of path to file content) is kept only while {@code commitState} is
 * {@link CommitState#PENDING}, so that a broker that crashed between recording and committing can commit again.
 */
public record OperationRecord(
        String id,
        String instanceId,
        OperationKind kind,
        OperationState state,
        @Nullable String description,
        String tokenHash,
        String targetPlanId,
        String targetParametersJson,
        @Nullable String sealedTargetSecretParameters,
        @Nullable String targetMaintenanceVersion,
        String requestDigest,
        @Nullable String requester,
        CommitState commitState,
        @Nullable String commitId,
        @Nullable String renderedFilesJson,
        Instant startedAt,
        Instant deadlineAt,
        @Nullable Instant finishedAt) {}
