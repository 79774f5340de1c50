package io.dedicate.compiler.diff;

import io.dedicate.bundle.model.BundleModel;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.SourceLocation;
import io.dedicate.bundle.model.SourceMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One side of a comparison: a compiled bundle's model and where its elements were declared.
 *
 * @param sources {@link SourceMap#EMPTY} for a bundle compiled before bundles carried it
 */
public record BundleSide(BundleModel model, SourceMap sources) {

    /** The offering named {@code name}, else the one with service ID {@code id}. */
    Optional<OfferingModel> offering(String name, String id) {
        return model.offerings().stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .or(() -> model.offerings().stream()
                        .filter(o -> o.id().equals(id))
                        .findFirst());
    }

    /** Where {@code key} of {@code offering} was declared, else where the offering was; null if unknown. */
    @Nullable
    SourceLocation locate(OfferingModel offering, String key) {
        return sources.locate(offering.name(), key)
                .or(() -> sources.locate(offering.name(), SourceMap.OFFERING))
                .orElse(null);
    }
}
