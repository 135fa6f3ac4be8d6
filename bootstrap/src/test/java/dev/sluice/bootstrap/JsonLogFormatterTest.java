package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void aRequestLineIsOneJsonObjectWithTheRequestsFields() {
        LogRecord record = new LogRecord(Level.INFO, "req_1 POST /api/v1/widgets/{widgetId}/create-session 201 7ms");
        record.setLoggerName("dev.sluice.adapters.http.RequestLog");
        record.setInstant(Instant.parse("2026-01-02T03:04:05.006Z"));

        String line = formatter.format(record);

        assertTrue(line.endsWith(System.lineSeparator()) && line.indexOf('\n') == line.length() - 1, line);
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertEquals("2026-01-02T03:04:05.006Z", json.get("timestamp").asString());
        assertEquals("INFO", json.get("level").asString());
        assertEquals("dev.sluice.adapters.http.RequestLog", json.get("logger").asString());
        assertEquals("req_1 POST /api/v1/widgets/{widgetId}/create-session 201 7ms", json.get("message").asString());
        assertEquals("req_1", json.get("requestId").asString());
        assertEquals("POST", json.get("method").asString());
        assertEquals("/api/v1/widgets/{widgetId}/create-session", json.get("route").asString());
        assertEquals(201, json.get("status").asInt());
        assertEquals(7, json.get("latencyMs").asInt());
    }

    @Test
    void anExceptionStaysOnTheOneLineAndOtherLoggersGetNoRequestFields() {
        LogRecord record = new LogRecord(Level.WARNING, "relay pass failed after {0} events: \"{1}\"");
        record.setLoggerName("relay");
        record.setParameters(new Object[] {12, "broker\tgone"});
        record.setThrown(new IllegalStateException("broker gone"));

        String line = formatter.format(record);

        assertEquals(line.length() - 1, line.indexOf('\n'), line);
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertEquals("relay pass failed after 12 events: \"broker\tgone\"", json.get("message").asString());
        assertTrue(json.get("exception").asString().startsWith("java.lang.IllegalStateException: broker gone"));
        assertFalse(json.has("requestId"));
    }
}
