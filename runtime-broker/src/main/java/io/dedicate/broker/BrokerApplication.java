package io.dedicate.broker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the runtime broker: {@code java -jar dedicate-broker.jar --dedicate.bundle=DIR_OR_JAR}. */
@SpringBootApplication
public class BrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrokerApplication.class, args);
    }
}
