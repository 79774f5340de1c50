package io.dedicate.compiler.resolve;

import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.DriverSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blocks of open-ended {@code key value} settings and the keys each one knows: the BOSH
 * {@code update} block, {@code limits}, {@code pipeline}, and each driver's settings (from the
 * bundle's {@link DriverKind} contract).
 */
@SuppressWarnings("ImmutableEnumChecker") // its collections are unmodifiable copies
public enum SettingBlock {
    /** BOSH's update block, passed to the manifest as written. */
    UPDATE(
            "update",
            List.of(
                    new Key("canaries", SettingKind.POSITIVE_INTEGER, false),
                    new Key("max_in_flight", SettingKind.INTEGER_OR_STRING, false),
                    new Key("canary_watch_time", SettingKind.INTEGER_OR_STRING, false),
                    new Key("update_watch_time", SettingKind.INTEGER_OR_STRING, false),
                    new Key("serial", SettingKind.BOOLEAN, false),
                    new Key("vm_strategy", SettingKind.STRING, false))),
    LIMITS(
            "limits",
            List.of(
                    new Key("clusters_per_org", SettingKind.POSITIVE_INTEGER, false),
                    new Key("children_per_cluster", SettingKind.POSITIVE_INTEGER, false))),
    PIPELINE(
            "pipeline",
            List.of(
                    new Key("task_image", SettingKind.STRING, false),
                    new Key("task_image_tag", SettingKind.STRING, false))),
    /** The settings of the {@code delegate} driver, as the bundle's driver contract defines them. */
    DRIVER_DELEGATE(DriverKind.DELEGATE),
    /** The settings of the {@code mysql} driver, as the bundle's driver contract defines them. */
    DRIVER_MYSQL(DriverKind.MYSQL);

    /** A known key: its value's kind, and whether the block must give it. */
    public record Key(String name, SettingKind kind, boolean required) {}

    private final String label;
    private final Map<String, Key> keys;

    SettingBlock(DriverKind driver) {
        this(
                "driver " + driver.driverName(),
                driver.settings().stream().map(SettingBlock::key).toList());
    }

    SettingBlock(String label, List<Key> keys) {
        this.label = label;
        Map<String, Key> byName = new LinkedHashMap<>();
        keys.forEach(k -> byName.put(k.name(), k));
        this.keys = java.util.Collections.unmodifiableMap(byName);
    }

    /** The settings block of {@code driver}. */
    public static SettingBlock of(DriverKind driver) {
        return switch (driver) {
            case DELEGATE -> DRIVER_DELEGATE;
            case MYSQL -> DRIVER_MYSQL;
        };
    }

    private static Key key(DriverSetting setting) {
        SettingKind kind = switch (setting.kind()) {
            case TEXT -> SettingKind.STRING;
            case BYTES -> SettingKind.BYTES;
        };
        return new Key(setting.key(), kind, setting.required());
    }

    /** How the block is written: {@code update}, {@code driver mysql}. */
    public String label() {
        return label;
    }

    public Optional<Key> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** The known keys in documentation order. */
    public List<String> keyNames() {
        return List.copyOf(keys.keySet());
    }

    public List<Key> keys() {
        return List.copyOf(keys.values());
    }
}
