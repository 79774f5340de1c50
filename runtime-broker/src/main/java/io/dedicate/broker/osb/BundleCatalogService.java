package io.dedicate.broker.osb;

import io.dedicate.broker.offering.LoadedBundle;
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

    private final Catalog catalog;

    public BundleCatalogService(LoadedBundle bundle) {
        this.catalog = bundle.frameworkCatalog();
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
