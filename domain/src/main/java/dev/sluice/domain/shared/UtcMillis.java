package dev.sluice.domain.shared;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as UTC text to the millisecond: the contract's {@code 2026-06-09T12:00:00.000Z}
 * (always three fraction digits, even {@code .000}) and a DATETIME(3) column's
 * {@code 2026-06-09 12:00:00.000}. Written digit by digit for the years 0–9999: every event and
 * every stored row carries several, and the pattern formatter was a fifth of the relay's rendering
 * and 2 % of Sluice's CPU for a new session's row; any other year goes through the pattern.
 */
public final class UtcMillis {
    private static final DateTimeFormatter CONTRACT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private UtcMillis() {
    }

    /** {@code 2026-06-09T12:00:00.000Z}, or null for null. */
    public static String contract(Instant instant) {
        return instant == null ? null : text(instant, "0000-00-00T00:00:00.000Z", CONTRACT);
    }

    /** {@code 2026-06-09 12:00:00.000}, or null for null. */
    public static String datetime(Instant instant) {
        return instant == null ? null : text(instant, "0000-00-00 00:00:00.000", DATETIME);
    }

    private static String text(Instant instant, String template, DateTimeFormatter otherYears) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return otherYears.format(instant);
        }
        char[] text = template.toCharArray();
        digits(text, 0, 4, utc.getYear());
        digits(text, 5, 2, utc.getMonthValue());
        digits(text, 8, 2, utc.getDayOfMonth());
        digits(text, 11, 2, utc.getHour());
        digits(text, 14, 2, utc.getMinute());
        digits(text, 17, 2, utc.getSecond());
        digits(text, 20, 3, utc.getNano() / 1_000_000);
        return new String(text);
    }

    private static void digits(char[] text, int from, int width, int value) {
        for (int at = from + width - 1; at >= from; at--) {
            text[at] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
