package dev.sluice.bootstrap;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per {@code maxAge}: scrapes and probes may come often, but the
 * database or the broker is asked only every few seconds.
 */
final class Cached<T> implements Supplier<T> {
    private final Supplier<T> source;
    private final long maxAgeNanos;
    private T value;
    private long readAt;
    private boolean read;

    Cached(Supplier<T> source, Duration maxAge) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public synchronized T get() {
        long now = System.nanoTime();
        if (!read || now - readAt >= maxAgeNanos) {
            value = source.get();
            readAt = now;
            read = true;
        }
        return value;
    }
}
