package io.dedicate.broker.periodic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class PeriodicWorkTest {

    private static final Duration OFTEN = Duration.ofMillis(10);

    @Test
    void aThrowingPassRunsAgainAndNeverStarvesTheOthers() throws InterruptedException {
        AtomicInteger failing = new AtomicInteger();
        AtomicInteger erring = new AtomicInteger();
        AtomicInteger healthy = new AtomicInteger();
        PeriodicWork work = new PeriodicWork(List.of(
                PeriodicPass.of("failing", OFTEN, () -> {
                    failing.incrementAndGet();
                    throw new IllegalStateException("the store is down");
                }),
                PeriodicPass.of("erring", OFTEN, () -> {
                    erring.incrementAndGet();
                    throw new AssertionError("a bug");
                }),
                PeriodicPass.of("healthy", OFTEN, healthy::incrementAndGet)));
        work.start();
        try {
            awaitAtLeast(3, failing::get);
            awaitAtLeast(3, erring::get);
            awaitAtLeast(3, healthy::get);
        } finally {
            work.stop();
        }
    }

    @Test
    void aHungPassDelaysNoOther() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger healthy = new AtomicInteger();
        PeriodicWork work = new PeriodicWork(List.of(
                PeriodicPass.of("hung", OFTEN, () -> awaitQuietly(release)),
                PeriodicPass.of("healthy", OFTEN, healthy::incrementAndGet)));
        work.start();
        try {
            awaitAtLeast(3, healthy::get);
        } finally {
            release.countDown();
            work.stop();
        }
    }

    @Test
    void everyPassRunsAtStartThenAfterItsInterval() throws InterruptedException {
        AtomicInteger rare = new AtomicInteger();
        PeriodicWork work =
                new PeriodicWork(List.of(PeriodicPass.of("rare", Duration.ofHours(1), rare::incrementAndGet)));
        work.start();
        try {
            awaitAtLeast(1, rare::get);
            Thread.sleep(100);
            assertThat(rare.get()).isEqualTo(1);
        } finally {
            work.stop();
        }
    }

    @Test
    void stopWaitsForTheRunUnderWayThenNoPassRunsAgain() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        PeriodicWork work = new PeriodicWork(List.of(PeriodicPass.of("slow", OFTEN, () -> {
            runs.incrementAndGet();
            running.countDown();
            sleepQuietly(200);
            finished.set(true);
        })));
        work.start();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        work.stop();
        assertThat(finished).as("stop returned after the run under way ended").isTrue();
        assertThat(work.isRunning()).isFalse();
        int after = runs.get();
        Thread.sleep(100);
        assertThat(runs.get()).as("no run after stop").isEqualTo(after);
    }

    @Test
    void stopInterruptsARunThatOutlastsTheTimeout() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        PeriodicWork work = new PeriodicWork(
                List.of(PeriodicPass.of("stuck", OFTEN, () -> {
                    running.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        Thread.currentThread().interrupt();
                    }
                })),
                Duration.ofMillis(100));
        work.start();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        work.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        awaitAtLeast(1, () -> interrupted.get() ? 1 : 0);
        assertThat(work.isRunning()).isFalse();
    }

    @Test
    void aStoppedRunnerStartsAgain() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        PeriodicWork work = new PeriodicWork(List.of(PeriodicPass.of("pass", OFTEN, runs::incrementAndGet)));
        work.start();
        awaitAtLeast(1, runs::get);
        work.stop();
        work.stop();
        int stopped = runs.get();
        work.start();
        assertThat(work.isRunning()).isTrue();
        awaitAtLeast(stopped + 2, runs::get);
        work.stop();
    }

    @Test
    void passesNeedDistinctNamesAndPositiveIntervals() {
        Runnable nothing = () -> {};
        assertThatThrownBy(() -> new PeriodicWork(
                        List.of(PeriodicPass.of("a", OFTEN, nothing), PeriodicPass.of("a", OFTEN, nothing))))
                .hasMessageContaining("two periodic passes are named 'a'");
        assertThatThrownBy(() -> new PeriodicWork(List.of(PeriodicPass.of("zero", Duration.ZERO, nothing))))
                .hasMessageContaining("'zero' must be positive");
    }

    private static void awaitAtLeast(int count, IntSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (actual.getAsInt() < count) {
            assertThat(System.nanoTime())
                    .as("reached " + count + ", got " + actual.getAsInt())
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
