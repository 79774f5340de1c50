package io.dedicate.broker.state;

/** How far an operation is, in the OSB {@code last_operation} wire texts. */
public enum OperationState {
    IN_PROGRESS("in progress"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String wire;

    OperationState(String wire) {
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
    public static OperationState fromWire(String wire) {
        for (OperationState value : values()) {
            if (value.wire.equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown OperationState '" + wire + "'");
    }
}
