package io.dedicate.bundle.model;

import java.util.List;

/**
 * The whole of {@code model.json}: the bundle's digest, its meta pipeline, the template variable
 * contract and the offerings. The format is described in this package's documentation; {@link
 * ModelWriter} writes it and {@link ModelReader} reads it.
 *
 * @param digest {@code sha256:HEX} over every other file of the bundle ({@link io.dedicate.bundle.BundleDigest})
 * @param metaPipeline bundle path of the meta pipeline template
 * @param offerings sorted by name
 */
public record BundleModel(
        String digest, String metaPipeline, TemplateVariables templateVariables, List<OfferingModel> offerings) {

    /** The version of the format; bumped on any change a reader of the previous one would misread. */
    public static final int FORMAT = 1;

    public BundleModel {
        offerings = List.copyOf(offerings);
    }
}
