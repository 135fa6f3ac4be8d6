package dev.sluice.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UtcMillisTest {
    private static final DateTimeFormatter CONTRACT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Property(tries = 3000)
    void the_text_is_the_patterns_for_any_instant(@ForAll("instants") Instant instant) {
        assertEquals(CONTRACT.format(instant), UtcMillis.contract(instant));
        assertEquals(DATETIME.format(instant), UtcMillis.datetime(instant));
    }

    @Test
    void milliseconds_are_always_three_digits_and_finer_fractions_are_cut_not_rounded() {
        assertEquals("2026-06-09T12:00:00.000Z", UtcMillis.contract(Instant.parse("2026-06-09T12:00:00Z")));
        assertEquals("2026-06-09 12:00:00.009", UtcMillis.datetime(Instant.parse("2026-06-09T12:00:00.009999Z")));
        assertNull(UtcMillis.contract(null));
        assertNull(UtcMillis.datetime(null));
    }

    /** Mostly this century, some at the edges of the four-digit years and beyond them. */
    @Provide
    Arbitrary<Instant> instants() {
        long year0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long year10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 4_102_444_800L),
                Arbitraries.longs().between(year0 - 86_400, year0 + 86_400),
                Arbitraries.longs().between(year10000 - 86_400, year10000 + 86_400),
                Arbitraries.longs().between(LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC),
                        LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC)));
        return Combinators.combine(seconds, Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }
}
