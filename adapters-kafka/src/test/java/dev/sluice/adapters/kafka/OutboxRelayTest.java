package dev.sluice.adapters.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.InMemoryOutbox;
import dev.sluice.application.fakes.InMemoryPorts;
import dev.sluice.application.fakes.TestClock;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.testsupport.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestKafka kafka = new TestKafka();
    private final TestClock clock = TestClock.running();
    private final InMemoryPorts ports = InMemoryPorts.lenient(clock);
    private final InMemoryOutbox outbox = ports.outbox();
    private final JsonMapper mapper = JsonMapper.shared();

    @AfterEach
    void closeAdmin() {
        kafka.close();
    }

    private RelaySettings settings(String bootstrap, String topic) {
        return new RelaySettings(bootstrap, topic, 100, Duration.ofSeconds(10), Duration.ofMillis(20),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofSeconds(2),
                Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofSeconds(5));
    }

    /**
     * Passes until one finds nothing, as the relay's loop runs them; how many events were published.
     * A pass hands out each session's next event only, as the outbox contract says.
     */
    private static int runUntilIdle(OutboxRelay relay) {
        int published = 0;
        for (int found = relay.runOnce(); found > 0; found = relay.runOnce()) {
            published += found;
        }
        return published;
    }

    @Test
    void publishesASessionsEventsInOrderAsCloudEvents() throws Exception {
        String topic = kafka.createTopic("events", 3);
        SessionId session = SessionId.generate();
        List<SessionEvent> events = TestEvents.paidSession(session);
        outbox.append(events);

        try (OutboxRelay relay = new OutboxRelay(outbox, settings(kafka.bootstrap(), topic), clock)) {
            assertEquals(3, runUntilIdle(relay));
            assertEquals(3, relay.publishedCount());
            assertEquals(0, relay.backlog().count());
        }

        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, 3);
        assertEquals(3, records.size());
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count(), "one partition per session");
        List<String> types = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            JsonNode event = mapper.readTree(record.value());
            assertEquals(session.value(), record.key());
            assertEquals("application/cloudevents+json",
                    new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
            assertEquals("1.0", event.get("specversion").stringValue());
            assertEquals(events.get(i).id().value(), event.get("id").stringValue());
            assertEquals("/widgets/" + TestEvents.WIDGET.value(), event.get("source").stringValue());
            assertEquals(session.value(), event.get("subject").stringValue());
            assertEquals("application/json", event.get("datacontenttype").stringValue());
            assertEquals(i + 1, event.get("data").get("sequence").longValue());
            types.add(event.get("type").stringValue());
        }
        assertEquals(List.of("deposit.created", "deposit.pending", "deposit.confirmed"), types);
        assertEquals(events.stream().map(SessionEvent::id).toList(), outbox.published());
    }

    @Test
    void keepsEachSessionInOrderAcrossPartitionsAndBatches() throws Exception {
        String topic = kafka.createTopic("events", 3);
        List<SessionId> sessions = List.of(SessionId.generate(), SessionId.generate(), SessionId.generate(),
                SessionId.generate());
        sessions.forEach(s -> outbox.append(TestEvents.paidSession(s)));
        RelaySettings small = new RelaySettings(kafka.bootstrap(), topic, 5, Duration.ofSeconds(10), Duration.ofMillis(20),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofSeconds(2),
                Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofSeconds(5));

        try (OutboxRelay relay = new OutboxRelay(outbox, small, clock)) {
            int passes = 0;
            while (relay.runOnce() > 0) {
                passes++;
            }
            assertTrue(passes >= 3, "12 events in batches of 5 need at least 3 passes");
        }

        Map<String, List<Long>> sequencesBySession = kafka.readAll(topic, 12).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> mapper.readTree(r.value()).get("data").get("sequence").longValue(),
                                Collectors.toList())));
        assertEquals(4, sequencesBySession.size());
        sequencesBySession.values().forEach(sequences -> assertEquals(List.of(1L, 2L, 3L), sequences));
    }

    @Test
    void marksNothingWhileKafkaIsDownBacksOffAndCatchesUpLater() throws Exception {
        String topic = kafka.createTopic("events", 1);
        List<SessionEvent> events = TestEvents.paidSession(SessionId.generate());
        outbox.append(events);
        RelaySettings unreachable = new RelaySettings("127.0.0.1:1", topic, 100, Duration.ofSeconds(10), Duration.ofMillis(20),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofMillis(500),
                Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofSeconds(1));

        try (OutboxRelay relay = new OutboxRelay(outbox, unreachable, clock)) {
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                assertEquals(0, relay.runOnce());
                delays.add(relay.nextDelay());
            }
            assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                    Duration.ofMillis(400)), delays);
            assertEquals(4, relay.sendErrorCount());
            assertEquals(0, relay.publishedCount());
            assertEquals(List.of(), outbox.published());
            assertEquals(3, relay.backlog().count(), "what could not be sent stays unpublished");
        }
        assertTrue(!outbox.relayLeased(), "a relay that stops gives up its lease");

        try (OutboxRelay relay = new OutboxRelay(outbox, settings(kafka.bootstrap(), topic), clock)) {
            assertEquals(1, relay.runOnce(), "a session's next event waits for the pass after");
            assertEquals(Duration.ZERO, relay.nextDelay(), "a pass that found events is followed at once");
            assertEquals(2, runUntilIdle(relay));
            assertEquals(0, relay.sendErrorCount());
            assertEquals(Duration.ofMillis(20), relay.nextDelay(), "one that found none waits the idle delay");
        }
        assertEquals(events.stream().map(e -> e.id().value()).toList(),
                kafka.readAll(topic, 3).stream().map(r -> mapper.readTree(r.value()).get("id").stringValue()).toList());
    }

    @Test
    void acknowledgedEventsWhoseMarkingFailedAreMarkedNextPassNotSentAgain() throws Exception {
        String topic = kafka.createTopic("events", 1);
        List<SessionEvent> events = TestEvents.paidSession(SessionId.generate());
        outbox.append(events);
        outbox.failNextMarks(1);

        try (OutboxRelay relay = new OutboxRelay(outbox, settings(kafka.bootstrap(), topic), clock)) {
            assertEquals(0, relay.runOnce());
            assertEquals(1, relay.sendErrorCount());
            assertEquals(List.of(), outbox.published());
            assertTrue(outbox.relayLeased(), "no other instance relays the acknowledged event meanwhile");

            assertEquals(3, runUntilIdle(relay));
        }
        assertEquals(events.stream().map(SessionEvent::id).toList(), outbox.published());
        assertEquals(events.stream().map(e -> e.id().value()).toList(),
                kafka.readAll(topic, 3).stream().map(r -> mapper.readTree(r.value()).get("id").stringValue()).toList(),
                "each event once, in order");
    }

    @Test
    void anEventThatCannotBeSentHoldsBackOnlyItsSessionAndIsSetAsideAfterFiveFailures() throws Exception {
        String topic = kafka.createTopic("events", 1);
        List<SessionEvent> poisoned = TestEvents.unrenderableSession(SessionId.generate());
        List<SessionEvent> healthy = TestEvents.paidSession(SessionId.generate());
        outbox.append(poisoned);
        outbox.append(healthy);

        try (OutboxRelay relay = new OutboxRelay(outbox, settings(kafka.bootstrap(), topic), clock)) {
            assertEquals(1, relay.runOnce(), "the other session's first event flows at once");
            assertEquals(0, relay.sendErrorCount(), "the pass itself did not fail");
            for (int attempt = 2; attempt <= OutboxRelay.POISON_ATTEMPTS; attempt++) {
                assertEquals(0, relay.setAsideCount());
                relay.runOnce();
            }
            assertEquals(1, relay.setAsideCount());
            assertEquals(List.of(poisoned.getFirst().id()), outbox.setAside());
            assertEquals(3, relay.publishedCount(), "the other session flowed meanwhile, an event a pass");

            outbox.append(TestEvents.paidSession(SessionId.generate()));
            assertEquals(3, runUntilIdle(relay));
            assertEquals(0, relay.runOnce(), "the set-aside session is claimed no more");
        }
        List<String> sent = kafka.readAll(topic, 6).stream()
                .map(r -> mapper.readTree(r.value()).get("subject").stringValue()).distinct().toList();
        assertEquals(2, sent.size());
        assertTrue(!sent.contains(poisoned.getFirst().session().id().value()), "nothing of the poisoned session");
    }

    @Test
    void loopPublishesWhatArrivesUntilClosed() throws Exception {
        String topic = kafka.createTopic("events", 3);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (OutboxRelay relay = new OutboxRelay(outbox, settings(kafka.bootstrap(), topic), clock)) {
            relay.start(scheduler);
            List<SessionEvent> events = TestEvents.paidSession(SessionId.generate());
            outbox.append(events);

            Eventually.await("three events published", WAIT, () -> outbox.published().size() >= 3);
            assertEquals(events.stream().map(SessionEvent::id).toList(), outbox.published());
        } finally {
            scheduler.shutdownNow();
        }
        assertEquals(3, kafka.readAll(topic, 3).size());
    }

    @Test
    void twoInstancesOnOneOutboxPublishEveryEventOnceAndInOrder() throws Exception {
        String topic = kafka.createTopic("events", 3);
        List<List<SessionEvent>> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(TestEvents.paidSession(SessionId.generate()));
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        RelaySettings smallBatches = new RelaySettings(kafka.bootstrap(), topic, 7, Duration.ofSeconds(10),
                Duration.ofMillis(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofSeconds(2),
                Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofSeconds(5));
        try (OutboxRelay first = new OutboxRelay(outbox, smallBatches, clock);
             OutboxRelay second = new OutboxRelay(ports.otherInstance().outbox(), smallBatches, clock)) {
            first.start(scheduler);
            second.start(scheduler);
            // Appended while both run, as sessions progress: each session's events arrive in order.
            for (int step = 0; step < 3; step++) {
                for (List<SessionEvent> session : sessions) {
                    outbox.append(List.of(session.get(step)));
                }
                Thread.sleep(10);
            }
            Eventually.await("sixty events published", WAIT, () -> outbox.published().size() >= 60);
            assertEquals(60, first.publishedCount() + second.publishedCount());
        } finally {
            scheduler.shutdownNow();
        }

        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, 60);
        assertEquals(60, records.size(), "each event exactly once");
        Map<String, List<Long>> sequencesBySession = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> mapper.readTree(r.value()).get("data").get("sequence").longValue(),
                                Collectors.toList())));
        sequencesBySession.values().forEach(sequences -> assertEquals(List.of(1L, 2L, 3L), sequences));
    }

    @Test
    void prunesPublishedEventsOlderThanTheRetentionOnly() throws Exception {
        String topic = kafka.createTopic("events", 1);
        List<SessionEvent> published = TestEvents.paidSession(SessionId.generate());
        outbox.append(published);
        RelaySettings noRetention = new RelaySettings(kafka.bootstrap(), topic, 100, Duration.ofSeconds(10),
                Duration.ofMillis(20), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)),
                Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(5));

        try (OutboxRelay relay = new OutboxRelay(outbox, noRetention, clock)) {
            runUntilIdle(relay);
            List<SessionEvent> waiting = TestEvents.paidSession(SessionId.generate());
            outbox.append(waiting);
            clock.advance(Duration.ofMillis(5));

            assertEquals(3, relay.prune());
        }
        assertEquals(3, outbox.all().size());
        assertEquals(List.<EventId>of(), outbox.published());
        assertEquals(3, outbox.backlog().count());
    }
}
