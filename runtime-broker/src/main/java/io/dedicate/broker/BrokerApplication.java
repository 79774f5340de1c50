package io.dedicate.broker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.servicebroker.autoconfigure.web.servlet.ServiceBrokerWebMvcAutoConfiguration;

/**
 * Starts the runtime broker: {@code java -jar dedicate-broker.jar --dedicate.bundle=DIR_OR_JAR}. The framework's OSB
 * controllers are declared by {@link OsbWebConfiguration} instead of its own web auto-configuration, which declares
 * them unconditionally: two of them are replaced (see there why).
 */
@SpringBootApplication(exclude = ServiceBrokerWebMvcAutoConfiguration.class)
public class BrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrokerApplication.class, args);
    }
}
