package io.dedicate.bundle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Bundle paths of an offering's templates: one pipeline per operation kind ({@code deploy}, {@code
 * update} (the deploy template), {@code recreate}, {@code upgrade}, {@code delete}; recreate and
 * upgrade only with a BOSH deployment), the BOSH manifest (null without a BOSH deployment) and the ops
 * file of each hook.
 */
public record TemplatePaths(
        Map<String, String> pipelines, @Nullable String manifest, Map<String, String> hookOps) {

    public TemplatePaths {
        pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
        hookOps = Collections.unmodifiableMap(new LinkedHashMap<>(hookOps));
    }

    /** The pipeline template of operation kind {@code kind} ({@code deploy}, {@code update}...), if the offering has one. */
    public Optional<String> pipeline(String kind) {
        return Optional.ofNullable(pipelines.get(kind));
    }
}
