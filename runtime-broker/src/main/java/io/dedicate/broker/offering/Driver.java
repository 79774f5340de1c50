package io.dedicate.broker.offering;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a child plan is created and bound inside its cluster: the driver's name ({@code delegate},
 * {@code mysql}) and its settings as model.json gives them (JSON-like values; byte sizes in bytes).
 */
public record Driver(String name, Map<String, Object> settings) {

    public Driver {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
