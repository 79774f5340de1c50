package io.dedicate.broker.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the children's background passes, at start-up and then periodically, on one daemon thread: {@link
 * ChildRecovery} (children and bindings a stopped broker left {@code creating}) and the {@code delegate} driver's
 * operations past their deadline ({@link DelegatedChildren#failOverdue}) every recovery interval, and {@link
 * MysqlQuotaSweep} every quota interval (a zero quota interval turns quota enforcement off). A pass that fails is
 * logged and runs again at its next turn.
 */
public final class ChildMaintenance implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChildMaintenance.class);

    private final ChildRecovery recovery;
    private final MysqlQuotaSweep quotas;
    private final Runnable delegatedDeadlines;
    private final Duration recoveryInterval;
    private final Duration quotaInterval;
    private volatile ScheduledExecutorService scheduler = newScheduler();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean running;

    public ChildMaintenance(
            ChildRecovery recovery, MysqlQuotaSweep quotas, Duration recoveryInterval, Duration quotaInterval) {
        this(recovery, quotas, () -> {}, recoveryInterval, quotaInterval);
    }

    /** Runs {@code delegatedDeadlines} (failing overdue delegated operations) after each recovery pass as well. */
    public ChildMaintenance(
            ChildRecovery recovery,
            MysqlQuotaSweep quotas,
            Runnable delegatedDeadlines,
            Duration recoveryInterval,
            Duration quotaInterval) {
        if (recoveryInterval.isNegative() || recoveryInterval.isZero()) {
            throw new IllegalArgumentException("the recovery interval must be positive, got " + recoveryInterval);
        }
        if (quotaInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "dedicate.children.quota-interval must not be negative (zero turns quotas off), got "
                            + quotaInterval);
        }
        this.recovery = recovery;
        this.quotas = quotas;
        this.delegatedDeadlines = delegatedDeadlines;
        this.recoveryInterval = recoveryInterval;
        this.quotaInterval = quotaInterval;
    }

    @Override
    public synchronized void start() {
        if (scheduler.isShutdown()) {
            scheduler = newScheduler();
        }
        tasks.add(scheduler.scheduleWithFixedDelay(
                () -> {
                    guarded("child recovery", recovery::runOnce);
                    guarded("delegated deadlines", delegatedDeadlines);
                },
                0,
                recoveryInterval.toMillis(),
                TimeUnit.MILLISECONDS));
        if (!quotaInterval.isZero()) {
            tasks.add(scheduler.scheduleWithFixedDelay(
                    () -> guarded("quota sweep", quotas::runOnce), 0, quotaInterval.toMillis(), TimeUnit.MILLISECONDS));
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void guarded(String what, Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.warn("{} pass failed, will retry: {}", what, e.getMessage(), e);
        }
    }

    private static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "child-maintenance");
            thread.setDaemon(true);
            return thread;
        });
    }
}
