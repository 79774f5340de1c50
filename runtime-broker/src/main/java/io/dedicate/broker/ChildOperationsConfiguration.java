package io.dedicate.broker;

import io.dedicate.broker.children.MysqlChildDriver;
import io.dedicate.broker.children.MysqlQuotaEnforcer;
import io.dedicate.broker.lifecycle.ChildDrivers;
import io.dedicate.broker.lifecycle.ChildMaintenance;
import io.dedicate.broker.lifecycle.ChildRecovery;
import io.dedicate.broker.lifecycle.DelegatedChildren;
import io.dedicate.broker.lifecycle.MysqlChildren;
import io.dedicate.broker.lifecycle.MysqlQuotaSweep;
import io.dedicate.broker.state.StateStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the children's background work from {@link ChildSettings}: recovery of stuck creates, delegated operations
 * past their deadline, and quota sweeps.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChildSettings.class)
public class ChildOperationsConfiguration {

    @Bean
    ChildRecovery childRecovery(StateStore store, ChildDrivers drivers, Clock clock, ChildSettings settings) {
        return new ChildRecovery(store, drivers, clock, settings.creatingGrace());
    }

    @Bean
    MysqlQuotaSweep mysqlQuotaSweep(
            StateStore store, ChildDrivers drivers, MysqlChildren children, MysqlChildDriver mysql) {
        return new MysqlQuotaSweep(store, drivers, children, new MysqlQuotaEnforcer(mysql));
    }

    @Bean
    ChildMaintenance childMaintenance(
            ChildRecovery recovery,
            MysqlQuotaSweep quotas,
            DelegatedChildren delegated,
            BrokerSettings broker,
            ChildSettings settings) {
        return new ChildMaintenance(
                recovery, quotas, delegated::failOverdue, broker.recoveryInterval(), settings.quotaInterval());
    }
}
