package io.dedicate.broker.state;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One binding of a child instance as stored: the database user it owns on the cluster and, once ready, its
 * credentials sealed (they are given back when the platform sends the same binding again).
 *
 * @param requestDigest SHA-256 hex of the canonical bind request, to tell a repeated bind from a conflicting one
 * @param sealedCredentials the credentials as JSON, sealed with the context {@code binding:<id>}; null until ready
 */
public record BindingRecord(
        String id,
        String instanceId,
        String username,
        BindingStatus status,
        String requestDigest,
        @Nullable String sealedCredentials,
        Instant createdAt) {}
