package io.dedicate.broker;

import io.dedicate.broker.children.ChildDrivers;
import io.dedicate.broker.children.ChildRecovery;
import io.dedicate.broker.drivers.MysqlChildDriver;
import io.dedicate.broker.drivers.MysqlChildren;
import io.dedicate.broker.drivers.MysqlQuotaEnforcer;
import io.dedicate.broker.drivers.MysqlQuotaSweep;
import io.dedicate.broker.state.BindingStore;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.InstanceStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the children's background work from {@link ChildSettings}: recovery of stuck creates and quota sweeps (run by
 * {@link PeriodicWorkConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChildSettings.class)
public class ChildOperationsConfiguration {

    @Bean
    ChildRecovery childRecovery(
            InstanceStore instances,
            ChildStore childStore,
            BindingStore bindings,
            ChildDrivers drivers,
            Clock clock,
            ChildSettings settings) {
        return new ChildRecovery(instances, childStore, bindings, drivers, clock, settings.creatingGrace());
    }

    @Bean
    MysqlQuotaSweep mysqlQuotaSweep(
            InstanceStore instances,
            ChildStore childStore,
            ChildDrivers drivers,
            MysqlChildren children,
            MysqlChildDriver mysql) {
        return new MysqlQuotaSweep(instances, childStore, drivers, children, new MysqlQuotaEnforcer(mysql));
    }
}
