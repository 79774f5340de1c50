package io.dedicate.bundle.model;

/**
 * A setting of a child driver ({@link DriverKind#settings()}), as the offering writes it after
 * {@code driver NAME} and model.json under the plan's {@code driver.settings}.
 */
public enum DriverSetting {
    /**
     * {@code delegate}: the service of the cluster's own broker. The compiler lets a plan leave it
     * out, but the broker creates no child without it.
     */
    SERVICE("service", Kind.TEXT, false),
    /** {@code delegate}: the plan of the cluster's own broker that children are created with. */
    PLAN("plan", Kind.TEXT, true),
    /** {@code mysql}: the size a database may grow to; the broker revokes writes beyond it. */
    QUOTA("quota", Kind.BYTES, false),
    /** {@code mysql}: the character set databases are created with ({@code utf8mb4} when not set). */
    CHARSET("charset", Kind.TEXT, false),
    /** {@code mysql}: the collation databases are created with, unless the request gives one. */
    COLLATION("collation", Kind.TEXT, false);

    /** The kind of a setting's value. */
    public enum Kind {
        /** A string. */
        TEXT,
        /**
         * A byte size: a quantity or a whole number of bytes in the offering, a {@code Long} number of
         * bytes in model.json.
         */
        BYTES
    }

    private final String key;
    private final Kind kind;
    private final boolean required;

    DriverSetting(String key, Kind kind, boolean required) {
        this.key = key;
        this.kind = kind;
        this.required = required;
    }

    /** The setting's name, as the offering and model.json write it. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a driver with this setting must be given it. */
    public boolean required() {
        return required;
    }
}
