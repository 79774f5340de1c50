package io.dedicate.broker.periodic;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the broker's {@link PeriodicPass}es: each at start-up, then again its interval after each run ends, never two
 * runs of one pass at once. Every run is guarded on its own: a pass that throws is logged with its name and runs again
 * at its next turn, and other passes never wait for it (one executor, one thread per pass, so a slow or hung pass
 * delays no other). Stopping lets runs under way finish (up to a timeout, after which they are interrupted) and
 * starts no new one; a stopped runner can be started again.
 */
public final class PeriodicWork implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicWork.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final List<PeriodicPass> passes;
    private final Duration stopTimeout;
    private @Nullable ScheduledExecutorService scheduler;

    /** A runner of {@code passes}, which must have distinct names. */
    public PeriodicWork(List<PeriodicPass> passes) {
        this(passes, STOP_TIMEOUT);
    }

    /** A runner whose {@link #stop()} waits up to {@code stopTimeout} for the runs under way. */
    PeriodicWork(List<PeriodicPass> passes, Duration stopTimeout) {
        this.passes = List.copyOf(passes);
        this.stopTimeout = stopTimeout;
        Set<String> names = new HashSet<>();
        for (PeriodicPass pass : this.passes) {
            if (pass.name().isBlank()) {
                throw new IllegalArgumentException("a periodic pass needs a name");
            }
            if (!names.add(pass.name())) {
                throw new IllegalArgumentException("two periodic passes are named '" + pass.name() + "'");
            }
            if (pass.interval().isNegative() || pass.interval().isZero()) {
                throw new IllegalArgumentException("the interval of the periodic pass '" + pass.name()
                        + "' must be positive, got " + pass.interval());
            }
        }
    }

    /** The passes this runner runs, in the order they first run. */
    public List<PeriodicPass> passes() {
        return passes;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || passes.isEmpty()) {
            return;
        }
        ScheduledExecutorService started = Executors.newScheduledThreadPool(passes.size(), daemonThreads());
        for (PeriodicPass pass : passes) {
            ScheduledFuture<?> unused = started.scheduleWithFixedDelay(
                    () -> runGuarded(pass), 0, pass.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler = started;
    }

    /**
     * Cancels every pass's next turn and waits for the runs under way to end; runs still going after the stop timeout
     * are interrupted.
     */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService stopping = scheduler;
        if (stopping == null) {
            return;
        }
        scheduler = null;
        // the executor's default policy drops the periodic tasks' next turns on shutdown
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("periodic work still running after {}: interrupted", stopTimeout);
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private static void runGuarded(PeriodicPass pass) {
        try {
            pass.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // caught, so that the executor keeps scheduling this pass (an escaping throwable ends its turns)
            LOG.warn(
                    "periodic pass '{}' failed, it runs again in {}: {}",
                    pass.name(),
                    pass.interval(),
                    e.toString(),
                    e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "periodic-work-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
