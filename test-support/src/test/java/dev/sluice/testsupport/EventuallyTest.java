package dev.sluice.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();

        Eventually.await("the third check", Duration.ofSeconds(5), () -> checks.incrementAndGet() == 3);

        assertEquals(3, checks.get());
    }

    @Test
    void failsNamingWhatNeverHappened() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Eventually.await("a miracle", Duration.ofMillis(50), () -> false));

        assertEquals("timed out after PT0.05S waiting for a miracle", failure.getMessage());
    }
}
