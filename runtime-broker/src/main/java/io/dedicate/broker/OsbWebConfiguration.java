package io.dedicate.broker;

import io.dedicate.broker.osb.BindingController;
import io.dedicate.broker.osb.CatalogFilter;
import io.dedicate.broker.osb.CompletedMonoReturnValueHandler;
import io.dedicate.broker.osb.InstanceController;
import io.dedicate.broker.osb.OsbErrorAdvice;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.servicebroker.autoconfigure.web.servlet.ServiceBrokerWebMvcAutoConfiguration;
import org.springframework.cloud.servicebroker.controller.CatalogController;
import org.springframework.cloud.servicebroker.service.CatalogService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceBindingEventService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceBindingService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceEventService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceService;
import org.springframework.cloud.servicebroker.service.events.EventFlowRegistries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The framework's OSB controllers over our services, with the two changes a measurement asked for. The framework's
 * {@link ServiceBrokerWebMvcAutoConfiguration} (4.1.0) declares its controllers unconditionally (no
 * {@code @ConditionalOnMissingBean}), so replacing two of them means excluding it ({@link BrokerApplication}) and
 * declaring the controllers here; everything else is the framework's, used as it is meant to be (our
 * {@code ServiceInstanceService}, {@code ServiceInstanceBindingService} and {@code CatalogService} behind its
 * controllers, its request and error types).
 *
 * <p>What the auto-configuration declares and this class does not: its {@code ServiceBrokerWebMvcExceptionHandler},
 * which could never run ({@link OsbErrorAdvice} answers every error, with the statuses OSB 2.17 names where the
 * framework's handler answers 422), and its {@code RequestIdentityInterceptor}, a bean that 4.1.0 adds to no
 * interceptor registry, so that it never ran either.
 */
@Configuration(proxyBeanMethods = false)
class OsbWebConfiguration {

    /**
     * The framework's own catalog controller, unchanged: {@link CatalogFilter} answers {@code GET /v2/catalog} before
     * it, this answers the rest ({@code HEAD}, a method not allowed).
     */
    @Bean
    CatalogController catalogController(CatalogService catalog) {
        return new CatalogController(catalog);
    }

    /**
     * The framework's instance controller, reading the originating identity header with one shared JSON mapper instead
     * of a new one per request: a GET of an unknown instance went from 0.51 to 0.42 ms (the mapper was about 8% of the
     * request thread's CPU in a JFR profile of {@code benchmarks/child-bench.sh}). {@code OriginatingIdentityTest}
     * checks the reading is the framework's.
     */
    @Bean
    InstanceController serviceInstanceController(
            CatalogService catalog, ServiceInstanceService instances, EventFlowRegistries events) {
        return new InstanceController(catalog, new ServiceInstanceEventService(instances, events));
    }

    /** The framework's binding controller, with the same shared reading of the originating identity. */
    @Bean
    BindingController serviceInstanceBindingController(
            CatalogService catalog, ServiceInstanceBindingService bindings, EventFlowRegistries events) {
        return new BindingController(catalog, new ServiceInstanceBindingEventService(bindings, events));
    }

    /**
     * OSB answers written on the request's thread ({@link CompletedMonoReturnValueHandler}), not after Spring MVC's
     * async re-dispatch of every {@code Mono}: a trivial GET went from 0.59 to 0.50 ms (the re-dispatch was about 16%
     * of the request thread's CPU in the child benchmark's profile). {@code CompletedMonoReturnValueHandlerTest}
     * checks the answers are the same. It must come before Spring's own handlers, which a {@code WebMvcConfigurer}
     * cannot do (its handlers come after them), hence the adapter's handler list.
     */
    @Bean
    SmartInitializingSingleton completedMonoAnswers(RequestMappingHandlerAdapter adapter) {
        return () -> CompletedMonoReturnValueHandler.install(adapter);
    }
}
