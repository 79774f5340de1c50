package io.dedicate.broker.state;

/**
 * A quota of the offering is reached: the org already has as many live clusters of the service as it may, or the
 * cluster as many live children. Counted inside the transaction that would have inserted one more, under a lock that
 * every such insert takes, so the count is exact also with several brokers on one database.
 */
public final class QuotaExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long count;
    private final int limit;

    /** {@code count} live ones found, {@code limit} allowed; {@code what} says which quota, for logs. */
    public QuotaExceededException(String what, long count, int limit) {
        super(what + ": " + count + " of " + limit);
        this.count = count;
        this.limit = limit;
    }

    /** How many live ones there were (not counting the refused one). */
    public long count() {
        return count;
    }

    /** How many are allowed. */
    public int limit() {
        return limit;
    }
}
