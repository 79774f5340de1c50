package io.dedicate.broker.state;

/** What an operation does to its instance (the seed's day-2 operations). */
public enum OperationKind {
    DEPLOY("deploy"),
    UPDATE("update"),
    RECREATE("recreate"),
    UPGRADE("upgrade"),
    DELETE("delete");

    private final String wire;

    OperationKind(String wire) {
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
    public static OperationKind fromWire(String wire) {
        for (OperationKind value : values()) {
            if (value.wire.equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown OperationKind '" + wire + "'");
    }
}
