package dev.sluice.bootstrap;

import static dev.sluice.bootstrap.StreamAssertions.distinctEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.testsupport.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kafka down is not an outage: with its broker killed for 30 s, Sluice keeps creating sessions,
 * their events wait in the outbox, and once the broker is back every one of them arrives. The
 * broker is a throw-away one of this test's own; the shared broker is never touched.
 */
class BrokerOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @Test
    void sessionsAreCreatedWhileTheBrokerIsDownAndEveryEventArrivesAfterItReturns() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        List<String> curve = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        StreamTopics topics = StreamTopics.unique();
        try (ThrowawayBroker broker = ThrowawayBroker.start(target);
                TestSluice sluice = TestSluice.start(Files.createTempDirectory("sluice-outage"),
                        broker.bootstrapServers(), topics.createOn(broker.bootstrapServers()), Map.of());
                TopicReader events = TopicReader.of(broker.bootstrapServers(), topics.events());
                Connection db = connect()) {
            TestSluice.Widget widget = sluice.createWidget(EventStreamIT.uniqueBusiness());
            // Read by the sampler while the outage loop adds to it.
            List<String> sessions = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 5; i++) {
                sessions.add(sluice.createSessionId(widget, "100"));
            }
            TopicReader.await("the events from before the outage", Duration.ofSeconds(30),
                    () -> received(events, sessions) == sessions.size());

            long outageStart = System.nanoTime();
            sampler.scheduleAtFixedRate(() -> curve.add(sample(db, outageStart, events, sessions)),
                    0, 1, TimeUnit.SECONDS);
            broker.kill();
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
            Thread.sleep(1_000);
            sampler.shutdown();
            System.out.println("BrokerOutageIT outbox backlog, one sample a second (t from the kill; the broker"
                    + " was back at t=" + (back - outageStart) / 1_000_000_000 + " s):");
            curve.forEach(System.out::println);

            Set<String> onKafka = new HashSet<>(
                    distinctEvents(events.receivedFor(sessions::contains)).stream().map(e -> e.get("id").asString()).toList());
            List<JsonNode> feed = sluice.feed(widget.business());
            assertEquals(sessions, feed.stream().map(e -> e.get("subject").asString()).toList(),
                    "the feed serves the creations in the order they were committed");
            assertEquals(onKafka, Set.copyOf(feed.stream().map(e -> e.get("id").asString()).toList()),
                    "every committed event arrived on Kafka");
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Distinct events of these sessions received so far (one each: every session was only created). */
    private static int received(TopicReader events, List<String> sessions) {
        return distinctEvents(events.receivedFor(sessions::contains)).size();
    }

    private static String sample(Connection db, long start, TopicReader events, List<String> sessions) {
        try (ResultSet row = db.createStatement().executeQuery(
                "SELECT COUNT(*), MIN(occurred_at) FROM outbox_events WHERE published_at IS NULL")) {
            row.next();
            LocalDateTime oldest = row.getObject(2, LocalDateTime.class);
            return "  t=%3d s  backlog=%4d  oldest=%5.1f s  received=%d".formatted(
                    (System.nanoTime() - start) / 1_000_000_000, row.getLong(1),
                    oldest == null ? 0.0 : Duration.between(oldest.toInstant(ZoneOffset.UTC), Instant.now()).toMillis() / 1000.0,
                    received(events, sessions));
        } catch (SQLException | RuntimeException e) {
            return "  sample failed: " + e;
        }
    }

    private static Connection connect() throws SQLException {
        TestServices.Database database = TestServices.database();
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
