package dev.sluice.adapters.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    @Test
    void doublesFromTheMinimumUpToTheCap() {
        assertEquals(Duration.ZERO, backoff.after(0));
        assertEquals(Duration.ofMillis(100), backoff.after(1));
        assertEquals(Duration.ofMillis(200), backoff.after(2));
        assertEquals(Duration.ofMillis(25_600), backoff.after(9));
        assertEquals(Duration.ofSeconds(30), backoff.after(10));
        assertEquals(Duration.ofSeconds(30), backoff.after(1_000));
    }

    @Test
    void refusesAMaximumBelowTheMinimum() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
