package io.dedicate.broker.osb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.model.binding.BindResource;

/**
 * The framework's typed {@code context} and {@code bind_resource} turned back into the JSON objects the platform sent,
 * so that they can be forwarded to a cluster's own broker unchanged (the {@code delegate} child driver).
 */
final class PlatformObjects {

    private PlatformObjects() {}

    /** {@code {"platform": ..., <every other field>}}; empty when the platform sent no context. */
    static Map<String, Object> context(@Nullable Context context) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (context == null) {
            return Collections.unmodifiableMap(map);
        }
        if (context.getPlatform() != null) {
            map.put(Context.PLATFORM_KEY, context.getPlatform());
        }
        context.getProperties().forEach(map::putIfAbsent);
        return Collections.unmodifiableMap(map);
    }

    /** {@code {"app_guid": ..., "route": ..., <every other field>}}; empty when the platform sent none. */
    static Map<String, Object> bindResource(@Nullable BindResource resource) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (resource == null) {
            return Collections.unmodifiableMap(map);
        }
        if (resource.getAppGuid() != null) {
            map.put("app_guid", resource.getAppGuid());
        }
        if (resource.getRoute() != null) {
            map.put("route", resource.getRoute());
        }
        resource.getProperties().forEach(map::putIfAbsent);
        return Collections.unmodifiableMap(map);
    }
}
