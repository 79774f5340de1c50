package io.dedicate.compiler.resolve;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The child-plan drivers the broker implements: how a child is created and bound inside its
 * cluster, the settings each takes and the cluster outputs each needs at run time.
 */
@SuppressWarnings("ImmutableEnumChecker") // its collections are unmodifiable copies
public enum KnownDriver {
    /** Forwards the OSB calls to the cluster's own service broker. */
    DELEGATE("delegate", SettingBlock.DRIVER_DELEGATE, List.of("broker_url", "broker_username", "broker_password")),
    /** Creates a database per child and a user per binding on the cluster's admin endpoint. */
    MYSQL("mysql", SettingBlock.DRIVER_MYSQL, List.of("host", "port", "admin_username", "admin_password"));

    private final String driverName;
    private final SettingBlock settings;
    private final List<String> requiredOutputs;

    KnownDriver(String driverName, SettingBlock settings, List<String> requiredOutputs) {
        this.driverName = driverName;
        this.settings = settings;
        this.requiredOutputs = requiredOutputs;
    }

    /** The name written after {@code driver}. */
    public String driverName() {
        return driverName;
    }

    public SettingBlock settings() {
        return settings;
    }

    /** The outputs the cluster must report for the broker to drive children. */
    public List<String> requiredOutputs() {
        return requiredOutputs;
    }

    public static Optional<KnownDriver> named(String name) {
        return Arrays.stream(values()).filter(d -> d.driverName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(KnownDriver::driverName).toList();
    }
}
