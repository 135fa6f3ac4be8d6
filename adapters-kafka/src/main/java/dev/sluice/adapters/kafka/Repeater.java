package dev.sluice.adapters.kafka;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a step over and over on a scheduler, each time after the delay the step's owner asks for
 * (zero while there is a backlog, a backoff after failures), until stopped. Rescheduling after
 * each run rather than at a fixed rate means two runs of one step never overlap.
 */
final class Repeater {
    private final String name;
    private final Runnable step;
    private final Supplier<Duration> nextDelay;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> scheduled;
    private boolean stopped;

    Repeater(String name, Runnable step, Supplier<Duration> nextDelay) {
        this.name = name;
        this.step = step;
        this.nextDelay = nextDelay;
    }

    synchronized void start(ScheduledExecutorService on) {
        if (scheduler != null || stopped) {
            throw new IllegalStateException(name + " already started or closed");
        }
        scheduler = on;
        scheduled = on.schedule(this::runAndReschedule, 0, TimeUnit.MILLISECONDS);
    }

    /** No run starts after this; a run in progress finishes on its own. */
    synchronized void stop() {
        stopped = true;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void runAndReschedule() {
        step.run();
        synchronized (this) {
            if (!stopped) {
                scheduled = scheduler.schedule(this::runAndReschedule, nextDelay.get().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
