package dev.sluice.adapters.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt follows a failed one: the k-th failure waits the k-th delay, ±10 %
 * jitter so that an endpoint coming back is not hit by every retry at once; after the last delay's
 * attempt fails, the delivery gives up.
 */
public record RetrySchedule(List<Duration> delays) {
    /** The contract's: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, then 24 h. */
    public static final RetrySchedule CONTRACT = new RetrySchedule(List.of(Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24)));
    private static final double JITTER = 0.10;

    public RetrySchedule {
        delays = List.copyOf(delays);
    }

    /**
     * The next attempt after {@code failedAttempts} attempts failed, the last at {@code now}; null
     * when there is none. {@code random} gives a value in [0, 1).
     */
    Instant next(int failedAttempts, Instant now, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return null;
        }
        long millis = delays.get(failedAttempts - 1).toMillis();
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return now.plusMillis(Math.round(millis * factor));
    }
}
