package dev.sluice.application.fakes;

import dev.sluice.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when the test says so. */
public final class FixedClock implements Clock {
    private Instant now;

    public FixedClock(Instant now) {
        this.now = now;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }
}
