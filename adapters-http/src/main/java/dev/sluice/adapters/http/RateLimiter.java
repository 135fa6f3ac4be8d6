package dev.sluice.adapters.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key (resource and client address): {@code perMinute} calls in a burst,
 * refilled evenly over the minute. Zero switches limiting off.
 *
 * <p>Bounded whatever callers send: beyond {@value #PRUNE_THRESHOLD} keys, full (idle) buckets
 * are dropped, at most once a second rather than on every call; beyond {@value #MAX_KEYS} keys
 * that are all busy, new keys share one overflow bucket, so memory stays bounded and a flood of
 * new keys throttles itself rather than every existing caller.
 */
final class RateLimiter {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long PRUNE_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    static final int PRUNE_THRESHOLD = 10_000;
    static final int MAX_KEYS = 100_000;
    private static final String OVERFLOW = "overflow";

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextPruneNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger prunes = new AtomicInteger();

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("the rate limit must not be negative: " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one call from the key's bucket, or throws 429 with the seconds until the next one. */
    void acquire(String key) {
        if (perMinute == 0) {
            return;
        }
        long now = nanos();
        pruneIfCrowded(now);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            String admitted = buckets.size() < MAX_KEYS ? key : OVERFLOW;
            bucket = buckets.computeIfAbsent(admitted, k -> new Bucket(perMinute, now));
        }
        synchronized (bucket) {
            double tokens = refill(bucket, now);
            if (tokens < 1) {
                double missingNanos = (1 - tokens) * MINUTE_NANOS / perMinute;
                throw HttpProblem.rateLimited(Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
            }
            bucket.tokens = tokens - 1;
        }
    }

    private void pruneIfCrowded(long now) {
        long due = nextPruneNanos.get();
        if (buckets.size() > PRUNE_THRESHOLD && now >= due
                && nextPruneNanos.compareAndSet(due, now + PRUNE_INTERVAL_NANOS)) {
            prunes.incrementAndGet();
            buckets.values().removeIf(b -> refill(b, now) >= perMinute);
        }
    }

    int keys() {
        return buckets.size();
    }

    /** How many times the whole map was scanned: a test's view of the cost of a crowded limiter. */
    int prunes() {
        return prunes.get();
    }

    private double refill(Bucket bucket, long now) {
        synchronized (bucket) {
            double earned = (double) (now - bucket.updatedNanos) * perMinute / MINUTE_NANOS;
            bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, earned));
            bucket.updatedNanos = Math.max(now, bucket.updatedNanos);
            return bucket.tokens;
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
