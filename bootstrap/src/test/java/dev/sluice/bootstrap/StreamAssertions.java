package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import tools.jackson.databind.JsonNode;

/** What a downstream consumer of the events topic relies on, stated once for every stream test. */
final class StreamAssertions {
    private StreamAssertions() {
    }

    /** The session's events as a consumer deduplicating on the CloudEvents id sees them, in partition order. */
    static List<JsonNode> distinctEvents(List<TopicReader.Received> records) {
        Set<String> seen = new HashSet<>();
        List<JsonNode> events = new ArrayList<>();
        for (TopicReader.Received record : records) {
            JsonNode event = record.json();
            if (seen.add(event.get("id").asString())) {
                events.add(event);
            }
        }
        return events;
    }

    /** Sequences 1, 2, … n in arrival order: nothing missing, nothing overtaking. */
    static void assertInOrderWithoutGaps(String sessionId, List<JsonNode> events) {
        List<Long> sequences = events.stream().map(e -> e.get("data").get("sequence").asLong()).toList();
        assertEquals(LongStream.rangeClosed(1, events.size()).boxed().toList(), sequences,
                "sequences of " + sessionId + " as received");
    }

    /** The contract's CloudEvents 1.0 envelope, keyed by the session and labelled as structured JSON. */
    static void assertCloudEvent(TopicReader.Received record, String sessionId, String widgetId) {
        assertEquals(sessionId, record.key(), "record key");
        assertEquals("application/cloudevents+json", record.headers().get("content-type"));
        JsonNode event = record.json();
        assertEquals("1.0", event.get("specversion").asString());
        assertTrue(event.get("id").asString().startsWith("evt_"), event.toString());
        assertEquals("/widgets/" + widgetId, event.get("source").asString());
        assertEquals(sessionId, event.get("subject").asString());
        assertTrue(event.get("type").asString().startsWith("deposit."), event.toString());
        String time = event.get("time").asString();
        assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), time);
        Instant.parse(time);
        assertEquals("application/json", event.get("datacontenttype").asString());
        JsonNode data = event.get("data");
        assertEquals(sessionId, data.get("sessionId").asString());
        assertEquals(widgetId, data.get("widgetId").asString());
        assertEquals("deposit." + data.get("status").asString().toLowerCase(Locale.ROOT),
                event.get("type").asString());
    }

    /** p50 and p99 of commit-to-consumer lags, for the test output (measured, never asserted). */
    static String percentiles(List<Long> lagNanos) {
        if (lagNanos.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = lagNanos.stream().sorted().toList();
        return "n=%d p50=%d ms p99=%d ms max=%d ms".formatted(sorted.size(),
                millis(sorted, 0.50), millis(sorted, 0.99), sorted.getLast() / 1_000_000);
    }

    private static long millis(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000;
    }

    /** Lags from each event's commit (the moment its HTTP answer arrived) to its first arrival on the topic. */
    static List<Long> lags(Map<String, Long> committedNanosByEventKey, List<TopicReader.Received> records) {
        Map<String, Long> firstSeen = new HashMap<>();
        for (TopicReader.Received record : records) {
            JsonNode data = record.json().get("data");
            firstSeen.putIfAbsent(eventKey(data.get("sessionId").asString(), data.get("sequence").asLong()),
                    record.receivedNanos());
        }
        return committedNanosByEventKey.entrySet().stream()
                .filter(e -> firstSeen.containsKey(e.getKey()))
                .map(e -> firstSeen.get(e.getKey()) - e.getValue())
                .toList();
    }

    static String eventKey(String sessionId, long sequence) {
        return sessionId + "#" + sequence;
    }
}
