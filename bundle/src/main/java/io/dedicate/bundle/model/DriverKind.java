package io.dedicate.bundle.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The child drivers: how a child plan's instances are created and bound inside their cluster, the
 * settings each takes and the cluster outputs each needs at run time. The compiler checks offerings
 * against this list; the broker picks its implementation of a plan's driver from it.
 */
@SuppressWarnings("ImmutableEnumChecker") // its lists are unmodifiable copies
public enum DriverKind {
    /** Forwards the OSB calls to the cluster's own service broker. */
    DELEGATE(
            List.of(DriverSetting.SERVICE, DriverSetting.PLAN),
            List.of("broker_url", "broker_username", "broker_password"),
            List.of()),
    /** Creates a database per child and a user per binding on the cluster's admin endpoint. */
    MYSQL(
            List.of(DriverSetting.QUOTA, DriverSetting.CHARSET, DriverSetting.COLLATION),
            List.of("host", "port", "admin_username", "admin_password"),
            List.of("hostname", "port", "name", "username", "password", "uri", "jdbcUrl"));

    private final List<DriverSetting> settings;
    private final List<String> requiredOutputs;
    private final List<String> bindingCredentials;

    DriverKind(List<DriverSetting> settings, List<String> requiredOutputs, List<String> bindingCredentials) {
        this.settings = List.copyOf(settings);
        this.requiredOutputs = List.copyOf(requiredOutputs);
        this.bindingCredentials = List.copyOf(bindingCredentials);
    }

    /** The driver's name, as the offering writes it after {@code driver} and model.json under {@code driver.name}. */
    public String driverName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The settings the driver takes, in documentation order. */
    public List<DriverSetting> settings() {
        return settings;
    }

    /** The setting of this driver named {@code key}. */
    public Optional<DriverSetting> setting(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The outputs the cluster must report for the broker to drive its children. */
    public List<String> requiredOutputs() {
        return requiredOutputs;
    }

    /**
     * The keys of the {@code credentials} a binding of a child plan returns, in the order the broker
     * writes them; empty when the driver passes on what another broker answers ({@link #DELEGATE}).
     */
    public List<String> bindingCredentials() {
        return bindingCredentials;
    }

    /** The driver named {@code name}. */
    public static Optional<DriverKind> named(String name) {
        return Arrays.stream(values()).filter(d -> d.driverName().equals(name)).findFirst();
    }

    /** Every driver's name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(DriverKind::driverName).toList();
    }

    /** The driver's name ({@code mysql}), for messages. */
    @Override
    public String toString() {
        return driverName();
    }
}
