package io.dedicate.broker.cluster;

import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/** Finds a request's service and plan in the bundle, or answers 400 naming what is unknown. */
public final class CatalogLookup {

    private CatalogLookup() {}

    public static OfferingModel offering(LoadedBundle bundle, String serviceId) {
        return bundle.offering(serviceId)
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                        "service " + serviceId + " is not in this broker's catalog"));
    }

    public static PlanModel plan(OfferingModel offering, String planId) {
        return offering.plan(planId)
                .orElseThrow(() -> new ServiceBrokerInvalidParametersException(
                        "plan " + planId + " is not a plan of service " + offering.name()));
    }
}
