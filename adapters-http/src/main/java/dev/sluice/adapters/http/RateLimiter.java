package dev.sluice.adapters.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (resource and client address): {@code perMinute} calls in a burst,
 * refilled evenly over the minute. Zero switches limiting off.
 */
final class RateLimiter {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    /** Beyond this many keys, full (idle) buckets are dropped; they carry no information. */
    private static final int PRUNE_THRESHOLD = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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
        if (buckets.size() > PRUNE_THRESHOLD) {
            buckets.values().removeIf(b -> refill(b, now) >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double tokens = refill(bucket, now);
            if (tokens < 1) {
                double missingNanos = (1 - tokens) * MINUTE_NANOS / perMinute;
                throw HttpProblem.rateLimited(Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
            }
            bucket.tokens = tokens - 1;
        }
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
