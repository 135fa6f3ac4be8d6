package dev.sluice.bootstrap;

import static dev.sluice.bootstrap.StreamAssertions.distinctEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kafka down is not an outage: with its broker killed for 30 s, Sluice keeps creating sessions,
 * their events wait in the outbox, and once the broker is back every one of them arrives. The
 * broker is a throw-away one of this test's own; the shared broker is never touched. How the
 * backlog grows and drains over such an outage is charted by {@code bench/broker-outage.sh}.
 */
class BrokerOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @Test
    void sessionsAreCreatedWhileTheBrokerIsDownAndEveryEventArrivesAfterItReturns() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        StreamTopics topics = StreamTopics.unique();
        try (ThrowawayBroker broker = ThrowawayBroker.start(target);
                TestSluice sluice = TestSluice.start(Files.createTempDirectory("sluice-outage"),
                        broker.bootstrapServers(), topics.createOn(broker.bootstrapServers()), Map.of());
                TopicReader events = TopicReader.of(broker.bootstrapServers(), topics.events())) {
            TestSluice.Widget widget = sluice.createWidget(EventStreamIT.uniqueBusiness());
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sessions.add(sluice.createSessionId(widget, "100"));
            }
            TopicReader.await("the events from before the outage", Duration.ofSeconds(30),
                    () -> received(events, sessions) == sessions.size());

            long outageStart = System.nanoTime();
            broker.kill();
            // sessions keep coming, about ten a second, for as long as the outage lasts
            while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                sessions.add(sluice.createSessionId(widget, "100"));
                Thread.sleep(100);
            }
            int createdDuringOutage = sessions.size() - 5;
            broker.start();
            long back = System.nanoTime();
            TopicReader.await("every event after the broker returned", CATCH_UP,
                    () -> received(events, sessions) == sessions.size());
            System.out.printf("BrokerOutageIT: %d sessions created (all 201) during the %d s outage;"
                            + " all events on Kafka %d ms after the broker was back%n",
                    createdDuringOutage, OUTAGE.toSeconds(), (System.nanoTime() - back) / 1_000_000);

            Set<String> onKafka = new HashSet<>(
                    distinctEvents(events.receivedFor(sessions::contains)).stream().map(e -> e.get("id").asString()).toList());
            List<JsonNode> feed = sluice.feed(widget.business());
            assertEquals(sessions, feed.stream().map(e -> e.get("subject").asString()).toList(),
                    "the feed serves the creations in the order they were committed");
            assertEquals(onKafka, Set.copyOf(feed.stream().map(e -> e.get("id").asString()).toList()),
                    "every committed event arrived on Kafka");
        }
    }

    /** Distinct events of these sessions received so far (one each: every session was only created). */
    private static int received(TopicReader events, List<String> sessions) {
        return distinctEvents(events.receivedFor(sessions::contains)).size();
    }
}
