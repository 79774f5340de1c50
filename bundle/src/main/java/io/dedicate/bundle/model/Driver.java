package io.dedicate.bundle.model;

/**
 * How a child plan's instances are created and bound inside their cluster: the driver ({@code
 * delegate}, {@code mysql}) and the settings the plan gives it (only settings of that driver).
 */
public record Driver(DriverKind name, DriverSettings settings) {

    public Driver {
        for (DriverSetting setting : settings.values().keySet()) {
            if (!name.settings().contains(setting)) {
                throw new IllegalArgumentException("driver " + name + " takes no setting " + setting.key()
                        + " (it takes " + name.settings() + ")");
            }
        }
    }
}
