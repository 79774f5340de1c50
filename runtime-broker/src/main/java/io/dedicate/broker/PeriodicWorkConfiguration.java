package io.dedicate.broker;

import io.dedicate.broker.children.ChildRecovery;
import io.dedicate.broker.cluster.OperationRecovery;
import io.dedicate.broker.drivers.DelegatedChildren;
import io.dedicate.broker.drivers.MysqlQuotaSweep;
import io.dedicate.broker.periodic.PeriodicPass;
import io.dedicate.broker.periodic.PeriodicWork;
import io.dedicate.broker.state.StateDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every periodic pass of the broker, registered here and nowhere else, and the one runner that runs them. The meta
 * pipeline's coalescing worker ({@code MetaPipelineSync}) is not one of them: it runs on demand, after provisions.
 */
@Configuration(proxyBeanMethods = false)
public class PeriodicWorkConfiguration {

    @Bean
    PeriodicWork periodicWork(
            OperationRecovery operations,
            ChildRecovery children,
            DelegatedChildren delegated,
            MysqlQuotaSweep quotas,
            StateDatabase state,
            BrokerSettings broker,
            ChildSettings settings) {
        Duration recovery = broker.recoveryInterval();
        Duration quota = settings.quotaInterval();
        if (recovery.isNegative() || recovery.isZero()) {
            throw new IllegalArgumentException("dedicate.recovery-interval must be positive, got " + recovery);
        }
        if (quota.isNegative()) {
            throw new IllegalArgumentException(
                    "dedicate.children.quota-interval must not be negative (zero turns quotas off), got " + quota);
        }
        List<PeriodicPass> passes = new ArrayList<>(operations.passes(recovery));
        passes.add(PeriodicPass.of("child recovery", recovery, children::runOnce));
        passes.add(PeriodicPass.of("delegated deadlines", recovery, delegated::failOverdue));
        if (state.isEmbedded()) {
            passes.add(PeriodicPass.of("state store upkeep", StateDatabase.UPKEEP_INTERVAL, state::upkeep));
        }
        if (!quota.isZero()) {
            passes.add(PeriodicPass.of("quota sweep", quota, quotas::runOnce));
        }
        return new PeriodicWork(passes);
    }
}
