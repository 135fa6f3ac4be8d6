package dev.sluice.adapters.kafka;

import java.time.Duration;
import java.util.Objects;

/** Capped exponential delay between retries: {@code min}, twice that, … up to {@code max}. */
public record Backoff(Duration min, Duration max) {
    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max");
        }
    }

    /** The delay after {@code failures} consecutive failures (1 for the first). */
    public Duration after(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        // Shifting past 30 bits would overflow; max is reached long before that.
        long factor = 1L << Math.min(failures - 1, 30);
        long millis = min.toMillis() * factor;
        return millis >= max.toMillis() || millis < 0 ? max : Duration.ofMillis(millis);
    }
}
