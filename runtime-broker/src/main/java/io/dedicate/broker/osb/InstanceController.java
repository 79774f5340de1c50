package io.dedicate.broker.osb;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.controller.ServiceInstanceController;
import org.springframework.cloud.servicebroker.model.Context;
import org.springframework.cloud.servicebroker.service.CatalogService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceService;

/**
 * The framework's service instance API ({@code /v2/service_instances/...}), unchanged but for the originating identity
 * header, read with a shared JSON mapper ({@link OriginatingIdentity}).
 */
public class InstanceController extends ServiceInstanceController {

    /** The controller over {@code service} (the framework's event-aware wrapper of ours). */
    public InstanceController(CatalogService catalogService, ServiceInstanceService service) {
        super(catalogService, service);
    }

    @Override
    protected @Nullable Context parseOriginatingIdentity(@Nullable String header) {
        return OriginatingIdentity.parse(header);
    }
}
