package io.dedicate.broker.osb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidOriginatingIdentityException;
import org.springframework.cloud.servicebroker.model.CloudFoundryContext;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.model.KubernetesContext;
import org.springframework.cloud.servicebroker.model.PlatformContext;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The {@code X-Broker-API-Originating-Identity} header ({@code PLATFORM BASE64-JSON}) read into the framework's {@link
 * Context}, exactly as spring-cloud-open-service-broker's {@code BaseController} reads it (same platforms, same
 * refusals with the same messages), with one JSON mapper for all requests: the framework builds a new {@code
 * ObjectMapper} for every request that carries the header, about a twentieth of a child provision + bind's CPU in the
 * child benchmark's profile. {@link #header} writes a {@code Context} back as a header, for the domain, which never
 * reads the servlet request.
 */
final class OriginatingIdentity {

    private static final String HEADER = "X-Broker-API-Originating-Identity";
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {};

    private OriginatingIdentity() {}

    /** The identity the header names; null without a header. */
    static @Nullable Context parse(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.split(" ", 2);
        if (parts.length != 2) {
            throw new ServiceBrokerInvalidOriginatingIdentityException(
                    "Expected platform and properties values in " + HEADER + " header in request");
        }
        String json;
        try {
            // the platform's default charset, as the framework decodes it
            json = new String(
                    Base64.getDecoder().decode(parts[1].getBytes(Charset.defaultCharset())), Charset.defaultCharset());
        } catch (IllegalArgumentException e) {
            throw new ServiceBrokerInvalidOriginatingIdentityException(
                    "Error decoding JSON properties from " + HEADER + " header in request", e);
        }
        Map<String, Object> properties;
        try {
            properties = JSON.readValue(json, PROPERTIES);
        } catch (IOException e) {
            throw new ServiceBrokerInvalidOriginatingIdentityException(
                    "Error parsing JSON properties from " + HEADER + " header in request", e);
        }
        String platform = parts[0];
        if (platform.equals("cloudfoundry")) {
            return CloudFoundryContext.builder().properties(properties).build();
        }
        if (platform.equals("kubernetes")) {
            return KubernetesContext.builder().properties(properties).build();
        }
        return PlatformContext.builder()
                .platform(platform)
                .properties(properties)
                .build();
    }

    /**
     * A header that names {@code identity} ({@code PLATFORM BASE64-JSON}, the JSON compact): the one the platform sent
     * read the same, but not always byte for byte (the framework's {@code KubernetesContext} does not keep the order of
     * its properties); null for no identity.
     */
    static @Nullable String header(@Nullable Context identity) {
        if (identity == null || identity.getPlatform() == null) {
            return null;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(identity.getProperties());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the originating identity's properties cannot be written as JSON", e);
        }
        return identity.getPlatform() + " " + Base64.getEncoder().encodeToString(json);
    }
}
