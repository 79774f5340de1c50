package io.dedicate.broker;

import io.dedicate.broker.children.MysqlChildDriver;
import io.dedicate.broker.children.MysqlQuotaEnforcer;
import io.dedicate.broker.lifecycle.ChildLifecycle;
import io.dedicate.broker.lifecycle.ChildRecovery;
import io.dedicate.broker.lifecycle.MysqlQuotaSweep;
import io.dedicate.broker.state.StateStore;
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
            StateStore store, ChildLifecycle children, MysqlChildDriver mysql, Clock clock, ChildSettings settings) {
        return new ChildRecovery(store, children, mysql, clock, settings.creatingGrace());
    }

    @Bean
    MysqlQuotaSweep mysqlQuotaSweep(StateStore store, ChildLifecycle children, MysqlChildDriver mysql) {
        return new MysqlQuotaSweep(store, children, new MysqlQuotaEnforcer(mysql));
    }
}
