package io.dedicate.broker.state;

/** Where a service instance is in its life; {@code deleted} rows stay as history. */
public enum InstanceStatus {
    CREATING("creating"),
    CREATE_FAILED("create_failed"),
    READY("ready"),
    DELETING("deleting"),
    DELETED("deleted");

    private final String wire;

    InstanceStatus(String wire) {
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
    public static InstanceStatus fromWire(String wire) {
        for (InstanceStatus value : values()) {
            if (value.wire.equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown InstanceStatus '" + wire + "'");
    }
}
