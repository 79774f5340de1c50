package io.dedicate.broker.periodic;

import java.time.Duration;

/**
 * One piece of background work that {@link PeriodicWork} runs at start-up and then again {@link #interval()} after
 * each run ends. A pass that fails is logged under its {@link #name()} and runs again at its next turn.
 */
public interface PeriodicPass {

    /** What the pass does, for the log ({@code "child recovery"}). */
    String name();

    /** The pause between the end of one run and the start of the next; positive. */
    Duration interval();

    /** One run; it may throw, {@link PeriodicWork} logs the failure and runs it again at its next turn. */
    void run();

    /** A pass named {@code name} that runs {@code action} every {@code interval}. */
    static PeriodicPass of(String name, Duration interval, Runnable action) {
        return new Task(name, interval, action);
    }

    /** The pass {@link #of} makes; {@link PeriodicWork} checks its name and interval. */
    record Task(String name, Duration interval, Runnable action) implements PeriodicPass {

        @Override
        public void run() {
            action.run();
        }

        @Override
        public String toString() {
            return name + " every " + interval;
        }
    }
}
