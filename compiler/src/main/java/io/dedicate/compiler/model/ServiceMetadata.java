package io.dedicate.compiler.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the catalog shows of a service besides its plans (OSB service object and its metadata). */
public record ServiceMetadata(
        String description,
        @Nullable String displayName,
        @Nullable String longDescription,
        @Nullable String providerDisplayName,
        @Nullable String documentationUrl,
        @Nullable String supportUrl,
        @Nullable String imageUrl,
        List<String> tags,
        boolean shareable,
        boolean instancesRetrievable,
        boolean bindingsRetrievable,
        boolean allowContextUpdates,
        boolean planUpdateable) {

    public ServiceMetadata {
        tags = List.copyOf(tags);
    }
}
