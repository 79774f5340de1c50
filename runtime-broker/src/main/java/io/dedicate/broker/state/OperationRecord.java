package io.dedicate.broker.state;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One operation on an instance, as stored: what it aims at ({@code target}, applied to the instance only when it
 * succeeds), where it comes from and how its report is authenticated ({@link Origin}), how far its git commit is
 * ({@link Commit}) and when it started, is due and ended ({@link Timing}).
 *
 * <p>An operation starts in progress with its commit pending: {@link #deploy} with a new instance, {@link #onExisting}
 * on an instance that exists; the stores make the others from their rows.
 */
public record OperationRecord(
        String id,
        String instanceId,
        OperationKind kind,
        OperationState state,
        @Nullable String description,
        InstanceSettings target,
        Origin origin,
        Commit commit,
        Timing timing) {

    /**
     * Where an operation comes from: the SHA-256 hex of its canonical request, the requesting user if the platform
     * said.
     */
    public record Origin(String requestDigest, @Nullable String requester) {}

    /**
     * How far an operation's git commit is. {@code renderedFilesJson} (a JSON object of path to file content) is kept
     * only while the state is {@link CommitState#PENDING}, so that a broker that crashed between recording and
     * committing can commit again.
     */
    public record Commit(
            CommitState state,
            @Nullable String commitId,
            @Nullable String renderedFilesJson) {

        /** Files rendered, not committed yet. */
        public static Commit pending(String renderedFilesJson) {
            return new Commit(CommitState.PENDING, null, renderedFilesJson);
        }
    }

    /** When an operation started, when it is overdue, and when it ended (null while in progress). */
    public record Timing(
            Instant startedAt, Instant deadlineAt, @Nullable Instant finishedAt) {

        /** Started {@code now}, due {@code timeout} later. */
        public static Timing startingAt(Instant now, Duration timeout) {
            return new Timing(now, now.plus(timeout), null);
        }
    }

    /**
     * The deploy that creates an instance ({@link InstanceStore#createInstance}): in progress, its rendered files
     * pending, due {@code timeout} after {@code now}.
     */
    public static OperationRecord deploy(
            String id,
            String instanceId,
            @Nullable String description,
            InstanceSettings target,
            Origin origin,
            String renderedFilesJson,
            Instant now,
            Duration timeout) {
        return new OperationRecord(
                id,
                instanceId,
                OperationKind.DEPLOY,
                OperationState.IN_PROGRESS,
                description,
                target,
                origin,
                Commit.pending(renderedFilesJson),
                Timing.startingAt(now, timeout));
    }

    /**
     * An update, recreate, upgrade or delete of an instance that exists ({@link OperationStore#startOperation}): in
     * progress, its rendered files pending, due {@code timeout} after {@code now}.
     *
     * @throws IllegalArgumentException for a {@link OperationKind#DEPLOY}, which only {@link #deploy} makes
     */
    public static OperationRecord onExisting(
            String id,
            String instanceId,
            OperationKind kind,
            @Nullable String description,
            InstanceSettings target,
            Origin origin,
            String renderedFilesJson,
            Instant now,
            Duration timeout) {
        if (kind == OperationKind.DEPLOY) {
            throw new IllegalArgumentException("operation " + id + ": a deploy is made with OperationRecord.deploy");
        }
        return new OperationRecord(
                id,
                instanceId,
                kind,
                OperationState.IN_PROGRESS,
                description,
                target,
                origin,
                Commit.pending(renderedFilesJson),
                Timing.startingAt(now, timeout));
    }

    /** This operation with other times. */
    public OperationRecord withTiming(Timing other) {
        return new OperationRecord(id, instanceId, kind, state, description, target, origin, commit, other);
    }

    public String targetPlanId() {
        return target.planId();
    }

    public String targetParametersJson() {
        return target.parametersJson();
    }

    public @Nullable String sealedTargetSecretParameters() {
        return target.sealedSecretParameters();
    }

    public @Nullable String targetMaintenanceVersion() {
        return target.maintenanceVersion();
    }

    public String requestDigest() {
        return origin.requestDigest();
    }

    public @Nullable String requester() {
        return origin.requester();
    }

    public CommitState commitState() {
        return commit.state();
    }

    public @Nullable String commitId() {
        return commit.commitId();
    }

    public @Nullable String renderedFilesJson() {
        return commit.renderedFilesJson();
    }

    public Instant startedAt() {
        return timing.startedAt();
    }

    public Instant deadlineAt() {
        return timing.deadlineAt();
    }

    public @Nullable Instant finishedAt() {
        return timing.finishedAt();
    }
}
