package io.dedicate.broker.osb;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.controller.ServiceInstanceBindingController;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.service.CatalogService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceBindingService;

/**
 * The framework's binding API ({@code /v2/service_instances/.../service_bindings/...}), unchanged but for the
 * originating identity header, read with a shared JSON mapper ({@link OriginatingIdentity}).
 */
public class BindingController extends ServiceInstanceBindingController {

    /** The controller over {@code service} (the framework's event-aware wrapper of ours). */
    public BindingController(CatalogService catalogService, ServiceInstanceBindingService service) {
        super(catalogService, service);
    }

    @Override
    protected @Nullable Context parseOriginatingIdentity(@Nullable String header) {
        return OriginatingIdentity.parse(header);
    }
}
