package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {
    private final LogLineFormatter formatter = new LogLineFormatter();

    @Test
    void a_record_is_one_line_with_local_time_to_the_millisecond_level_logger_and_message() {
        LogRecord record = new LogRecord(Level.INFO, "req_1 POST /api/v1/widgets/{widgetId}/create-session 201 7ms");
        record.setLoggerName("dev.sluice.adapters.http.RequestLog");
        record.setInstant(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000).atZone(ZoneId.systemDefault()).toInstant());

        assertEquals("2026-01-02T03:04:05.006 INFO dev.sluice.adapters.http.RequestLog"
                + " req_1 POST /api/v1/widgets/{widgetId}/create-session 201 7ms" + System.lineSeparator(),
                formatter.format(record));
    }

    @Test
    void parameters_are_filled_in_and_a_thrown_exception_follows_with_its_stack_trace() {
        LogRecord record = new LogRecord(Level.WARNING, "relay pass failed after {0} events");
        record.setLoggerName("relay");
        record.setParameters(new Object[] {12});
        record.setThrown(new IllegalStateException("broker gone"));
        record.setInstant(LocalDateTime.of(2026, 11, 24, 23, 59, 59, 999_000_000)
                .atZone(ZoneId.systemDefault()).toInstant());

        String text = formatter.format(record);

        assertTrue(text.startsWith("2026-11-24T23:59:59.999 WARNING relay relay pass failed after 12 events"
                + System.lineSeparator() + "java.lang.IllegalStateException: broker gone"), text);
        assertTrue(text.contains("at dev.sluice.bootstrap.LogLineFormatterTest."), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
    }
}
