package io.dedicate.compiler.diff;

import io.dedicate.bundle.model.SourceLocation;
import org.jspecify.annotations.Nullable;

/**
 * One difference between two versions of an offering that matters to existing instances.
 *
 * @param code stable kebab-case name of the kind of change ({@code plan-removed}, {@code range-narrowed})
 * @param offering the offering's name (the new one when it was renamed)
 * @param message what changed and what it means for existing instances
 * @param oldLocation where the element is declared in the old version (for an added element: the
 *     closest enclosing one); null when the old bundle does not say
 * @param newLocation the same in the new version
 */
public record Change(
        String code,
        Impact impact,
        String offering,
        String message,
        @Nullable SourceLocation oldLocation,
        @Nullable SourceLocation newLocation) {

    public boolean isBreaking() {
        return impact == Impact.BREAKING;
    }
}
