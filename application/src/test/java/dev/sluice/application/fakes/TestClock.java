package dev.sluice.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A time that a test moves on at will, for the use cases (the Clock port), for adapters that take a
 * {@link java.time.Clock} or an {@link java.time.InstantSource}, and for the stores' leases. It
 * either stands still between moves, or runs with the system clock, moved ahead by the moves.
 */
public final class TestClock extends Clock implements dev.sluice.application.port.out.Clock {
    private final boolean running;
    private volatile Instant fixed;
    private volatile Duration ahead = Duration.ZERO;

    private TestClock(Instant fixed, boolean running) {
        this.fixed = fixed;
        this.running = running;
    }

    /** Stands at {@code start} until moved. */
    public TestClock(Instant start) {
        this(start, false);
    }

    /** Stands at the current time, to the millisecond like the stores' timestamps, until moved. */
    public static TestClock startingNow() {
        return new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Runs with the system clock; {@link #advance} moves it ahead of the system clock. */
    public static TestClock running() {
        return new TestClock(null, true);
    }

    @Override
    public Instant now() {
        return running ? Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(ahead) : fixed;
    }

    @Override
    public Instant instant() {
        return now();
    }

    public synchronized void advance(Duration by) {
        if (running) {
            ahead = ahead.plus(by);
        } else {
            fixed = fixed.plus(by);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
