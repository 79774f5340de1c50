package io.dedicate.bundle.render;

import org.jspecify.annotations.Nullable;

/**
 * A service instance and where it lives, as the templates see it ({@code instance.*}). The names come
 * from the OSB context and may be unknown (null); the templates then get an empty string.
 */
public record InstanceIdentity(
        String id,
        @Nullable String name,
        @Nullable String org,
        @Nullable String space,
        String orgGuid,
        String spaceGuid) {}
