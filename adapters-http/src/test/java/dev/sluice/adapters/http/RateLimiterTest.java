package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.application.fakes.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a flood of distinct keys (addresses, ids) can make the limiter do. */
class RateLimiterTest {
    private final TestClock clock = TestClock.startingNow();
    private final RateLimiter limiter = new RateLimiter(60, clock);

    @Test
    void aCrowdedLimiterScansItsKeysAtMostOnceASecondNotOnEveryCall() {
        for (int i = 0; i <= RateLimiter.PRUNE_THRESHOLD + 1_000; i++) {
            limiter.acquire("wdgt_" + i + "|10.0.0.1");
        }
        int scansInOneSecond = limiter.prunes();

        clock.advance(Duration.ofSeconds(2));
        limiter.acquire("one more|10.0.0.1");

        assertEquals(1, scansInOneSecond);
        assertEquals(2, limiter.prunes());
    }

    @Test
    void beyondTheKeyCapNewKeysShareOneBucketAndMemoryStaysBounded() {
        for (int i = 0; i < RateLimiter.MAX_KEYS; i++) {
            limiter.acquire("dep_" + i + "|10.0.0.2");
        }
        for (int i = 0; i < 60; i++) {
            limiter.acquire("new_" + i + "|10.0.0.3");
        }

        assertThrows(HttpProblem.class, () -> limiter.acquire("yet another|10.0.0.3"),
                "the new keys shared one bucket, and it is spent");
        assertEquals(RateLimiter.MAX_KEYS + 1, limiter.keys());
        limiter.acquire("dep_1|10.0.0.2");
    }
}
