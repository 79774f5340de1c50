package io.dedicate.broker.osb;

import io.dedicate.bundle.load.BundleLoadException;
import io.dedicate.bundle.load.LoadedBundle;
import org.springframework.cloud.servicebroker.model.catalog.Catalog;
import org.springframework.cloud.servicebroker.model.catalog.ServiceDefinition;
import org.springframework.cloud.servicebroker.service.CatalogService;
import reactor.core.publisher.Mono;

/**
 * The bundle's catalog as the framework's {@link Catalog}, read once: the framework's controllers
 * look services and plans up in it. {@code GET /v2/catalog} itself is answered with the bundle's
 * bytes by {@link CatalogFilter}.
 */
public final class BundleCatalogService implements CatalogService {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Catalog catalog;

    /**
     * Reads the bundle's catalog.json into the framework's type.
     *
     * @throws BundleLoadException if catalog.json does not read as an OSB catalog
     */
    public BundleCatalogService(LoadedBundle bundle) {
        this.catalog = read(bundle);
    }

    /** catalog.json read once into the framework's type, for the framework's own catalog service. */
    static Catalog read(LoadedBundle bundle) {
        try {
            return JSON.readValue(bundle.catalogJson(), Catalog.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage()
                    : String.valueOf(e.getMessage());
            throw new BundleLoadException("bundle " + bundle.source() + ": " + io.dedicate.bundle.BundleLayout.CATALOG
                    + ": does not read as an OSB catalog: " + message);
        }
    }

    @Override
    public Mono<Catalog> getCatalog() {
        return Mono.just(catalog);
    }

    @Override
    public Mono<ServiceDefinition> getServiceDefinition(String serviceId) {
        return Mono.justOrEmpty(catalog.getServiceDefinitions().stream()
                .filter(service -> service.getId().equals(serviceId))
                .findFirst());
    }
}
