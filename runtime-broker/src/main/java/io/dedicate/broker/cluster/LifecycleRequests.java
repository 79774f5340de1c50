package io.dedicate.broker.cluster;

import io.dedicate.broker.state.Placement;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OSB requests the lifecycle handles, stripped of the framework's types. What the lifecycle needs of the HTTP
 * request comes in these values, never from the servlet request itself: {@code requester} is the requesting user's id
 * and {@code originatingIdentity} the platform's {@code X-Broker-API-Originating-Identity} header (forwarded by the
 * {@code delegate} driver to a cluster's broker), both null when the platform sent no identity.
 */
public final class LifecycleRequests {

    private LifecycleRequests() {}

    /** {@code PUT /v2/service_instances/:id}. */
    public record Provision(
            String instanceId,
            String serviceId,
            String planId,
            boolean asyncAccepted,
            Map<String, Object> parameters,
            Placement placement,
            @Nullable String requester,
            @Nullable String originatingIdentity,
            @Nullable String maintenanceVersion) {}

    /** {@code PATCH /v2/service_instances/:id}; {@code planId} null means no plan change. */
    public record Update(
            String instanceId,
            String serviceId,
            @Nullable String planId,
            boolean asyncAccepted,
            Map<String, Object> parameters,
            @Nullable Placement placement,
            @Nullable String requester,
            @Nullable String maintenanceVersion) {}

    /** {@code DELETE /v2/service_instances/:id}. */
    public record Delete(
            String instanceId,
            String serviceId,
            String planId,
            boolean asyncAccepted,
            @Nullable String requester,
            @Nullable String originatingIdentity) {}

    /**
     * What the broker answers to an accepted request.
     *
     * @param operationId the operation to poll; null for a request that needed none (200)
     * @param existed true when the same create was already accepted before (200 or 202 again)
     */
    public record Accepted(
            @Nullable String operationId, @Nullable String dashboardUrl, boolean existed) {}
    /**
     * {@code PUT /v2/service_instances/:id/service_bindings/:binding_id}.
     *
     * @param asyncAccepted the platform's {@code accepts_incomplete}
     * @param bindResource the platform's {@code bind_resource} as it sent it (empty when absent)
     * @param context the platform's {@code context} as it sent it (empty when absent)
     * @param originatingIdentity the platform's originating identity header, null when absent
     */
    public record Bind(
            String instanceId,
            String bindingId,
            String serviceId,
            String planId,
            Map<String, Object> parameters,
            boolean asyncAccepted,
            Map<String, Object> bindResource,
            Map<String, Object> context,
            @Nullable String originatingIdentity) {

        public Bind {
            bindResource = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindResource));
            context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        }

        /** A bind that accepts an asynchronous answer, without bind resource or context. */
        public Bind(
                String instanceId, String bindingId, String serviceId, String planId, Map<String, Object> parameters) {
            this(instanceId, bindingId, serviceId, planId, parameters, true, Map.of(), Map.of(), null);
        }
    }

    /**
     * {@code DELETE /v2/service_instances/:id/service_bindings/:binding_id}.
     *
     * @param asyncAccepted the platform's {@code accepts_incomplete}
     * @param originatingIdentity the platform's originating identity header, null when absent
     */
    public record Unbind(
            String instanceId,
            String bindingId,
            boolean asyncAccepted,
            @Nullable String originatingIdentity) {

        /** An unbind that accepts an asynchronous answer, without an originating identity. */
        public Unbind(String instanceId, String bindingId) {
            this(instanceId, bindingId, true, null);
        }
    }

    /**
     * What the broker answers to an accepted bind.
     *
     * @param credentials the binding's {@code credentials} object
     * @param existed true when the same binding was already made (200 instead of 201)
     * @param operationId the operation to poll when the binding is being created asynchronously (202; no credentials
     *     yet), else null
     */
    public record Bound(
            Map<String, Object> credentials,
            boolean existed,
            @Nullable String operationId) {

        public Bound {
            credentials = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(credentials));
        }

        /** A binding made at once (201, or 200 when it {@code existed}). */
        public Bound(Map<String, Object> credentials, boolean existed) {
            this(credentials, existed, null);
        }

        /** Never shows the credentials (they hold a password). */
        @Override
        public String toString() {
            return "Bound[credentials=(secret), existed=" + existed + ", operationId=" + operationId + "]";
        }
    }
}
