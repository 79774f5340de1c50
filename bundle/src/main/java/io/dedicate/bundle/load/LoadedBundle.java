package io.dedicate.bundle.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.bundle.TemplateRenderer.PreparedTemplate;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle checked and read once by {@link BundleLoader}: the catalog bytes served as they are,
 * the offerings of model.json, every JSON schema parsed and every template prepared. Immutable and
 * safe to share between threads; nothing here reads files again.
 */
public final class LoadedBundle {

    private final String source;
    private final byte[] catalogJson;
    private final String catalogEtag;
    private final String digest;
    private final String metaPipelineTemplate;
    private final List<OfferingModel> offerings;
    private final Map<String, PreparedTemplate> templates;
    private final Map<String, JsonNode> schemas;

    LoadedBundle(
            String source,
            byte[] catalogJson,
            String catalogEtag,
            String digest,
            String metaPipelineTemplate,
            List<OfferingModel> offerings,
            Map<String, PreparedTemplate> templates,
            Map<String, JsonNode> schemas) {
        this.source = source;
        this.catalogJson = catalogJson.clone();
        this.catalogEtag = catalogEtag;
        this.digest = digest;
        this.metaPipelineTemplate = metaPipelineTemplate;
        this.offerings = List.copyOf(offerings);
        this.templates = Map.copyOf(templates);
        this.schemas = Map.copyOf(schemas);
    }

    /** Where the bundle was read from (a directory or a jar), for messages. */
    public String source() {
        return source;
    }

    /**
     * The exact bytes of catalog.json: the body of {@code GET /v2/catalog}, served as they are. The
     * array is shared, not copied (the catalog is served without per-request work): never modify it.
     */
    @SuppressWarnings("MutablePublicArray")
    public byte[] catalogJson() {
        return catalogJson;
    }

    /** Strong ETag of the catalog: the first 32 hex digits of its SHA-256, quoted. */
    public String catalogEtag() {
        return catalogEtag;
    }

    /** model.json's digest ({@code sha256:HEX}), which the loader checked against the files. */
    public String digest() {
        return digest;
    }

    /** The offerings, in model.json's order (by name). */
    public List<OfferingModel> offerings() {
        return offerings;
    }

    /** The offering whose catalog service ID is {@code serviceId}. */
    public Optional<OfferingModel> offering(String serviceId) {
        return offerings.stream()
                .filter(offering -> offering.id().equals(serviceId))
                .findFirst();
    }

    /** The plan {@code planId} of the offering {@code serviceId}. */
    public Optional<PlanModel> plan(String serviceId, String planId) {
        return offering(serviceId).flatMap(offering -> offering.plan(planId));
    }

    /**
     * The template at {@code bundlePath}, parsed at load.
     *
     * @throws IllegalArgumentException if the bundle has no template there (a caller's bug: every
     *     path model.json names was checked at load)
     */
    public PreparedTemplate template(String bundlePath) {
        PreparedTemplate template = templates.get(bundlePath);
        if (template == null) {
            throw new IllegalArgumentException("bundle " + source + " has no template `" + bundlePath + "`");
        }
        return template;
    }

    /**
     * The JSON schema at {@code bundlePath}, parsed at load. The node is shared: never modify it.
     *
     * @throws IllegalArgumentException if the bundle has no schema there
     */
    public JsonNode schema(String bundlePath) {
        JsonNode schema = schemas.get(bundlePath);
        if (schema == null) {
            throw new IllegalArgumentException("bundle " + source + " has no schema `" + bundlePath + "`");
        }
        return schema;
    }

    /** Bundle path of the meta pipeline template. */
    public String metaPipelineTemplate() {
        return metaPipelineTemplate;
    }
}
