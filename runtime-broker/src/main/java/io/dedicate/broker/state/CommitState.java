package io.dedicate.broker.state;

/** Whether an operation's rendered files are committed to git yet: pending ones are re-committed after a crash. */
public enum CommitState {
    PENDING("pending"),
    COMMITTED("committed");

    private final String wire;

    CommitState(String wire) {
        this.wire = wire;
    }

    /** The text stored in the database (and, where OSB has one, its wire text). */
    public String wire() {
        return wire;
    }

    /**
     * The constant whose {@link #wire()} text is {@code wire}.
     *
     * @throws IllegalArgumentException if no constant has that text
     */
    public static CommitState fromWire(String wire) {
        for (CommitState value : values()) {
            if (value.wire.equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown CommitState '" + wire + "'");
    }
}
