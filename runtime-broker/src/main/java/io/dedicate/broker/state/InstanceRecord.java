package io.dedicate.broker.state;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One service instance as stored: a cluster, or a child living in a cluster.
 *
 * <p>It is made of what never changes ({@link Identity}), where it lives in the platform ({@link Placement}: only the
 * names change, see {@link InstanceStore#updateNames}), what it is deployed with ({@link InstanceSettings}, replaced
 * by a successful operation's targets), how far it is ({@link Progress}) and what its pipeline reported ({@link
 * Outputs}). {@code requestDigest} is the SHA-256 hex of the canonical create request, so a repeated provision with the
 * same id can be told apart from a conflicting one.
 *
 * <p>A new instance is made by {@link #newCluster} or {@link #newChild}; the stores make the others from their rows.
 */
public record InstanceRecord(
        Identity identity,
        Placement placement,
        InstanceSettings settings,
        Progress progress,
        Outputs outputs,
        String requestDigest) {

    /**
     * What an instance is for good: its id, its service, whether it is a cluster or a child (then of which cluster),
     * and its folder in the deployment repository (empty for a child, which has none).
     */
    public record Identity(
            String id,
            String serviceId,
            InstanceKind kind,
            @Nullable String clusterId,
            String gitPath,
            int nameScheme) {

        /** The names of children created before schema version 9 ({@code name_scheme}). */
        public static final int LEGACY_NAMES = 1;

        /** The names of children created since: derived from the whole ID. */
        public static final int WHOLE_ID_NAMES = 2;

        /** What a new instance is: its child driver names what it creates from the whole ID. */
        public Identity(String id, String serviceId, InstanceKind kind, @Nullable String clusterId, String gitPath) {
            this(id, serviceId, kind, clusterId, gitPath, WHOLE_ID_NAMES);
        }
    }

    /**
     * How far an instance is: its status, the operation running on it (at most one at a time), when it was created and
     * when its row last changed.
     */
    public record Progress(
            InstanceStatus status, @Nullable String activeOperationId, Instant createdAt, Instant updatedAt) {

        /** Where a new instance starts: being created, no operation recorded yet, created and changed {@code now}. */
        public static Progress creating(Instant now) {
            return new Progress(InstanceStatus.CREATING, null, now, now);
        }
    }

    /** What an instance's pipeline reported: public outputs as a JSON object, secret ones sealed. */
    public record Outputs(
            @Nullable String outputsJson, @Nullable String sealedSecretOutputs) {

        /** No outputs yet. */
        public static final Outputs NONE = new Outputs(null, null);
    }

    /**
     * A cluster about to be created with its deploy ({@link InstanceStore#createInstance}): status {@code creating},
     * no outputs yet.
     */
    public static InstanceRecord newCluster(
            String id,
            String serviceId,
            Placement placement,
            InstanceSettings settings,
            String requestDigest,
            String gitPath,
            Instant now) {
        return new InstanceRecord(
                new Identity(id, serviceId, InstanceKind.CLUSTER, null, gitPath),
                placement,
                settings,
                Progress.creating(now),
                Outputs.NONE,
                requestDigest);
    }

    /**
     * A child of {@code clusterId} about to be created ({@link ChildStore#createChild}): status {@code creating}, no
     * folder of its own, no outputs.
     */
    public static InstanceRecord newChild(
            String id,
            String serviceId,
            String clusterId,
            Placement placement,
            InstanceSettings settings,
            String requestDigest,
            Instant now) {
        return new InstanceRecord(
                new Identity(id, serviceId, InstanceKind.CHILD, clusterId, ""),
                placement,
                settings,
                Progress.creating(now),
                Outputs.NONE,
                requestDigest);
    }

    /** This instance placed elsewhere, or named otherwise. */
    public InstanceRecord withPlacement(Placement other) {
        return new InstanceRecord(identity, other, settings, progress, outputs, requestDigest);
    }

    /** This instance with other settings. */
    public InstanceRecord withSettings(InstanceSettings other) {
        return new InstanceRecord(identity, placement, other, progress, outputs, requestDigest);
    }

    /** This instance at another point of its life. */
    public InstanceRecord withProgress(Progress other) {
        return new InstanceRecord(identity, placement, settings, other, outputs, requestDigest);
    }

    public String id() {
        return identity.id();
    }

    public String serviceId() {
        return identity.serviceId();
    }

    public InstanceKind kind() {
        return identity.kind();
    }

    public @Nullable String clusterId() {
        return identity.clusterId();
    }

    public String gitPath() {
        return identity.gitPath();
    }

    /**
     * How the child's driver names what it creates for it: {@link Identity#LEGACY_NAMES} for children created before
     * schema version 9, else {@link Identity#WHOLE_ID_NAMES}.
     */
    public int nameScheme() {
        return identity.nameScheme();
    }

    public String orgGuid() {
        return placement.orgGuid();
    }

    public String spaceGuid() {
        return placement.spaceGuid();
    }

    public @Nullable String orgName() {
        return placement.orgName();
    }

    public @Nullable String spaceName() {
        return placement.spaceName();
    }

    public @Nullable String instanceName() {
        return placement.instanceName();
    }

    public String planId() {
        return settings.planId();
    }

    public String parametersJson() {
        return settings.parametersJson();
    }

    public @Nullable String sealedSecretParameters() {
        return settings.sealedSecretParameters();
    }

    public @Nullable String maintenanceVersion() {
        return settings.maintenanceVersion();
    }

    public InstanceStatus status() {
        return progress.status();
    }

    public @Nullable String activeOperationId() {
        return progress.activeOperationId();
    }

    public Instant createdAt() {
        return progress.createdAt();
    }

    public Instant updatedAt() {
        return progress.updatedAt();
    }

    public @Nullable String outputsJson() {
        return outputs.outputsJson();
    }

    public @Nullable String sealedSecretOutputs() {
        return outputs.sealedSecretOutputs();
    }
}
