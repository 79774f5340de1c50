package io.dedicate.broker.cluster;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fingerprint of a create request, for OSB idempotency: the same instance ID with the same
 * service, plan, org, space and parameters is the same request (answered 200/202), anything else
 * is a conflict (409). Parameters are canonicalised (keys sorted at every level) before hashing.
 */
public final class RequestDigest {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestDigest() {}

    /** The fingerprint of {@code request}: its service, plan, org, space and parameters. */
    public static String of(LifecycleRequests.Provision request) {
        return of(
                request.serviceId(),
                request.planId(),
                request.placement().orgGuid(),
                request.placement().spaceGuid(),
                request.parameters());
    }

    public static String of(
            String serviceId, String planId, String orgGuid, String spaceGuid, Map<String, Object> parameters) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_id", serviceId);
        request.put("plan_id", planId);
        request.put("organization_guid", orgGuid);
        request.put("space_guid", spaceGuid);
        request.put("parameters", parameters);
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("request digest: " + e.getMessage(), e);
        }
    }
}
