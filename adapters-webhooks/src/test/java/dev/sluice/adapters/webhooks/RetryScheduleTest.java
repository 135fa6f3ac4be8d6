package dev.sluice.adapters.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant AT = Instant.parse("2026-06-09T12:00:00Z");
    private final RetrySchedule schedule = RetrySchedule.CONTRACT;

    @Test
    void theContractsDelaysFollowEachFailureAndTheTenthAttemptIsTheLast() {
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
                Duration.ofHours(20), Duration.ofHours(24)};
        for (int failed = 1; failed <= 9; failed++) {
            assertEquals(AT.plus(expected[failed - 1]), schedule.next(failed, AT, () -> 0.5));
        }
        assertNull(schedule.next(10, AT, () -> 0.5));
    }

    @Test
    void jitterStaysWithinTenPercent() {
        assertEquals(AT.plusMillis(4500), schedule.next(1, AT, () -> 0.0));
        Instant latest = schedule.next(9, AT, () -> 0.9999999);
        assertTrue(latest.isBefore(AT.plus(Duration.ofHours(24).multipliedBy(11).dividedBy(10))));
        assertTrue(latest.isAfter(AT.plus(Duration.ofHours(26))));
    }
}
