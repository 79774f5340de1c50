package io.dedicate.broker.state;

/** Where a binding is in its life; {@code deleted} rows stay as history. */
public enum BindingStatus {
    CREATING("creating"),
    READY("ready"),
    DELETED("deleted");

    private final String wire;

    BindingStatus(String wire) {
        this.wire = wire;
    }

    /** The text stored in the database. */
    public String wire() {
        return wire;
    }

    /**
     * The constant whose {@link #wire()} text is {@code wire}.
     *
     * @throws IllegalArgumentException if no constant has that text
     */
    public static BindingStatus fromWire(String wire) {
        for (BindingStatus value : values()) {
            if (value.wire.equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown BindingStatus '" + wire + "'");
    }
}
