package io.dedicate.broker;

import io.dedicate.broker.osb.BindingController;
import io.dedicate.broker.osb.InstanceController;
import org.springframework.cloud.servicebroker.autoconfigure.web.servlet.RequestIdentityInterceptor;
import org.springframework.cloud.servicebroker.autoconfigure.web.servlet.ServiceBrokerWebMvcAutoConfiguration;
import org.springframework.cloud.servicebroker.controller.CatalogController;
import org.springframework.cloud.servicebroker.controller.ServiceBrokerWebMvcExceptionHandler;
import org.springframework.cloud.servicebroker.service.CatalogService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceBindingEventService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceBindingService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceEventService;
import org.springframework.cloud.servicebroker.service.ServiceInstanceService;
import org.springframework.cloud.servicebroker.service.events.EventFlowRegistries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The framework's OSB web layer, bean for bean what {@link ServiceBrokerWebMvcAutoConfiguration} declares (which
 * {@link BrokerApplication} excludes), but for the instance and binding controllers: {@link InstanceController} and
 * {@link BindingController} read the originating identity header without building a JSON mapper per request.
 */
@Configuration(proxyBeanMethods = false)
class OsbWebConfiguration {

    @Bean
    CatalogController catalogController(CatalogService catalog) {
        return new CatalogController(catalog);
    }

    @Bean
    InstanceController serviceInstanceController(
            CatalogService catalog, ServiceInstanceService instances, EventFlowRegistries events) {
        return new InstanceController(catalog, new ServiceInstanceEventService(instances, events));
    }

    @Bean
    BindingController serviceInstanceBindingController(
            CatalogService catalog, ServiceInstanceBindingService bindings, EventFlowRegistries events) {
        return new BindingController(catalog, new ServiceInstanceBindingEventService(bindings, events));
    }

    @Bean
    ServiceBrokerWebMvcExceptionHandler serviceBrokerExceptionHandler() {
        return new ServiceBrokerWebMvcExceptionHandler();
    }

    @Bean
    RequestIdentityInterceptor requestIdentityInterceptor() {
        return new RequestIdentityInterceptor();
    }
}
