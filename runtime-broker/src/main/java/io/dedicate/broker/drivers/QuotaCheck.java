package io.dedicate.broker.drivers;

import java.util.List;

/**
 * What one quota sweep found and did for one child database.
 *
 * @param database the child's database
 * @param usedBytes its size: data and indexes of its tables, as {@code information_schema.TABLES} reports them
 * @param quotaBytes the plan's quota
 * @param overQuota whether {@code usedBytes} reached {@code quotaBytes}: writes are refused until it is back under
 * @param revokedFrom the users whose INSERT, UPDATE and CREATE privileges this sweep revoked, sorted
 * @param restoredTo the users whose INSERT, UPDATE and CREATE privileges this sweep gave back, sorted
 */
public record QuotaCheck(
        String database,
        long usedBytes,
        long quotaBytes,
        boolean overQuota,
        List<String> revokedFrom,
        List<String> restoredTo) {

    /** Copies the lists. */
    public QuotaCheck {
        revokedFrom = List.copyOf(revokedFrom);
        restoredTo = List.copyOf(restoredTo);
    }

    /** Whether this sweep changed any privilege of the database's users. */
    public boolean changed() {
        return !revokedFrom.isEmpty() || !restoredTo.isEmpty();
    }
}
