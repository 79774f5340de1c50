package io.dedicate.broker.osb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.model.binding.BindResource;

/**
 * The framework's typed {@code context} and {@code bind_resource} turned back into the JSON objects the platform sent
 * (through the framework's own JSON mapping of them), so that they can be forwarded to a cluster's own broker unchanged
 * (the {@code delegate} child driver).
 */
final class PlatformObjects {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private PlatformObjects() {}

    /** The {@code context} object, {@code platform} included; empty when the platform sent none. */
    static Map<String, Object> context(@Nullable Context context) {
        return context == null ? Map.of() : json(context);
    }

    /** The {@code bind_resource} object ({@code app_guid}, {@code route}, ...); empty when the platform sent none. */
    static Map<String, Object> bindResource(@Nullable BindResource resource) {
        return resource == null ? Map.of() : json(resource);
    }

    /** The framework's JSON of {@code value}, without the fields the platform did not send (null). */
    private static Map<String, Object> json(Object value) {
        LinkedHashMap<String, Object> map = JSON.convertValue(value, MAP);
        map.values().removeIf(Objects::isNull);
        return Collections.unmodifiableMap(map);
    }
}
