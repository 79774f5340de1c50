package io.dedicate.broker.state;

/** What a service instance is: a dedicated cluster, or a child living inside one. */
public enum InstanceKind {
    CLUSTER("cluster"),
    CHILD("child");

    private final String wire;

    InstanceKind(String wire) {
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
    public static InstanceKind fromWire(String wire) {
        for (InstanceKind value : values()) {
            if (value.wire.equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown InstanceKind '" + wire + "'");
    }
}
