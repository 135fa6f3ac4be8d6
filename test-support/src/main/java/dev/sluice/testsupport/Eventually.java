package dev.sluice.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for something another thread or process does: check, pause, check again,
 * and fail naming what never happened. The timeout only bounds a failing test; a passing one waits
 * as long as the condition takes.
 */
public final class Eventually {
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; an {@link AssertionError} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, () -> PAUSE, condition);
    }

    /** The same, pausing between checks for as long as {@code pause} says at that moment. */
    public static void await(String what, Duration timeout, Supplier<Duration> pause, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(pause.get().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
