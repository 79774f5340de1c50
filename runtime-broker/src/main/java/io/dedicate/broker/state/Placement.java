package io.dedicate.broker.state;

import org.jspecify.annotations.Nullable;

/**
 * Where an instance lives in the platform and what it is called there, from the OSB {@code context}
 * (names may be absent: older platforms send only the GUIDs).
 */
public record Placement(
        String orgGuid,
        String spaceGuid,
        @Nullable String orgName,
        @Nullable String spaceName,
        @Nullable String instanceName) {}
