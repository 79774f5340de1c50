package io.dedicate.broker.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One asynchronous operation of a {@code delegate} child that its cluster's own broker answered 202 to, as {@link
 * DelegatedOperationStore} keeps it.
 *
 * @param id the operation id the platform polls with
 * @param instanceId the child instance
 * @param bindingId the binding, for {@link Kind#BIND} and {@link Kind#UNBIND}
 * @param remoteOperation the cluster broker's operation string, if it sent one
 * @param deadline when it is overdue; null for an operation started before deadlines were kept
 */
public record DelegatedOperation(
        String id,
        String instanceId,
        @Nullable String bindingId,
        Kind kind,
        @Nullable String remoteOperation,
        OperationState state,
        @Nullable String description,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant deadline) {

    /** What a delegated operation does on the cluster broker. */
    public enum Kind {
        PROVISION,
        DEPROVISION,
        BIND,
        UNBIND;

        /** The kind as stored and shown: its name in lower case. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** True when it is still in progress at {@code now}, past its deadline. */
    public boolean overdueAt(Instant now) {
        return state == OperationState.IN_PROGRESS && deadline != null && now.isAfter(deadline);
    }

    /** How long it was given (from its start to its deadline); null without a deadline. */
    public @Nullable Duration allowed() {
        return deadline == null ? null : Duration.between(startedAt, deadline);
    }
}
