package io.dedicate.broker.state;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One service instance as stored: a cluster, or a child living in {@code clusterId}.
 *
 * <p>{@code parametersJson} holds the normalised non-secret parameters; secrets live only sealed (see {@code
 * io.dedicate.broker.secrets.SecretBox}). {@code requestDigest} is the SHA-256 hex of the canonical create request, so
 * a repeated provision with the same id can be told apart from a conflicting one. {@code activeOperationId} is set while
 * an operation runs: at most one at a time.
 */
public record InstanceRecord(
        String id,
        String serviceId,
        String planId,
        InstanceKind kind,
        @Nullable String clusterId,
        String orgGuid,
        String spaceGuid,
        @Nullable String orgName,
        @Nullable String spaceName,
        @Nullable String instanceName,
        String parametersJson,
        @Nullable String sealedSecretParameters,
        @Nullable String maintenanceVersion,
        InstanceStatus status,
        String requestDigest,
        String gitPath,
        @Nullable String outputsJson,
        @Nullable String sealedSecretOutputs,
        @Nullable String activeOperationId,
        Instant createdAt,
        Instant updatedAt) {}
