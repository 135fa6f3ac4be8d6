package dev.sluice.bootstrap;

import static dev.sluice.bootstrap.EventStreamIT.confirmed;
import static dev.sluice.bootstrap.EventStreamIT.detected;
import static dev.sluice.bootstrap.EventStreamIT.failed;
import static dev.sluice.bootstrap.StreamAssertions.assertInOrderWithoutGaps;
import static dev.sluice.bootstrap.StreamAssertions.distinctEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.Clock;
import dev.sluice.testsupport.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two Sluice instances over one database and one broker, each with its relay, expiry sweeper and
 * observation consumer: a thousand sessions, created on both, moved by random observations over
 * HTTP and Kafka or left to expire. A downstream consumer sees every committed event at least
 * once, each session's events in order, and no session expired twice.
 */
class ManyInstancesEventStreamIT {
    private static final int SESSIONS = 1_000;
    private static final Duration SETTLE = Duration.ofSeconds(120);

    /** What the chain watcher does with a session, and the status it must end in. */
    private enum Plan {
        EXPIRE("deposit.expired"),
        DETECT_CONFIRM_EXACT("deposit.confirmed"),
        DETECT_CONFIRM_SHORT("deposit.underpaid"),
        CONFIRM_OVER("deposit.overpaid"),
        DETECT_FAIL("deposit.failed");

        final String finalType;

        Plan(String finalType) {
            this.finalType = finalType;
        }

        List<String> observations(String sessionId) {
            return switch (this) {
                case EXPIRE -> List.of();
                case DETECT_CONFIRM_EXACT -> List.of(detected(sessionId), confirmed(sessionId, "100"));
                case DETECT_CONFIRM_SHORT -> List.of(detected(sessionId), confirmed(sessionId, "90.5"));
                case CONFIRM_OVER -> List.of(confirmed(sessionId, "150"));
                case DETECT_FAIL -> List.of(detected(sessionId), failed(sessionId));
            };
        }
    }

    @Test
    void everyEventOfEverySessionArrivesInOrderAndNoSessionExpiresTwice() throws Exception {
        String kafka = TestServices.kafkaBootstrapServers();
        StreamTopics topics = StreamTopics.unique().createOn(kafka);
        Path sharedData = Files.createTempDirectory("sluice-many");
        // Both instances' use cases run 600 times faster than real time, so sessions (30 minutes) live
        // 3 s, and sweeps run every second: expiries race the observations.
        Map<String, String> settings = Map.of("SLUICE_EXPIRY_SWEEP_INTERVAL", "PT1S");
        Instant realStart = Instant.now();
        Clock fast = () -> realStart.plus(Duration.between(realStart, Instant.now()).multipliedBy(600))
                .truncatedTo(ChronoUnit.MILLIS);
        long seed = System.nanoTime();
        System.out.println("ManyInstancesEventStreamIT seed " + seed);
        Random random = new Random(seed);

        try (TestSluice first = TestSluice.start(sharedData, kafka, topics, settings, fast);
                TestSluice second = TestSluice.start(sharedData, kafka, topics, settings, fast);
                TopicReader events = TopicReader.of(kafka, topics.events());
                KafkaProducer<String, String> observations = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
            List<TestSluice> instances = List.of(first, second);
            TestSluice.Widget widget = first.createWidget(EventStreamIT.uniqueBusiness());
            Map<String, Plan> plans = new ConcurrentHashMap<>();
            Map<String, Long> createdNanos = new ConcurrentHashMap<>();

            long started = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                TestSluice instance = instances.get(i % 2);
                Plan plan = Plan.values()[random.nextInt(Plan.values().length)];
                boolean overKafka = random.nextBoolean();
                work.add(clients.submit(() -> {
                    HttpResponse<String> response = instance.createSession(widget, "100");
                    long committed = System.nanoTime();
                    assertEquals(201, response.statusCode(), response.body());
                    String sessionId = TestSluice.read(response.body()).get("id").asString();
                    createdNanos.put(StreamAssertions.eventKey(sessionId, 1), committed);
                    plans.put(sessionId, plan);
                    for (String observation : plan.observations(sessionId)) {
                        if (overKafka) {
                            observations.send(new ProducerRecord<>(topics.observations(), sessionId, observation));
                        } else {
                            HttpResponse<String> observed = instance.observe(sessionId, observation);
                            assertEquals(200, observed.statusCode(), observed.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            clients.shutdown();
            observations.flush();
            System.out.printf("ManyInstancesEventStreamIT: %d sessions created and observed in %d ms%n",
                    SESSIONS, (System.nanoTime() - started) / 1_000_000);

            TopicReader.await("every session's final event", SETTLE, () -> {
                Set<String> finalTypesSeen = events.receivedFor(plans::containsKey).stream()
                        .map(TopicReader.Received::json)
                        .map(e -> e.get("subject").asString() + " " + e.get("type").asString())
                        .collect(Collectors.toSet());
                return plans.entrySet().stream()
                        .allMatch(p -> finalTypesSeen.contains(p.getKey() + " " + p.getValue().finalType));
            });
            System.out.printf("ManyInstancesEventStreamIT: all final events on Kafka %d ms after the start%n",
                    (System.nanoTime() - started) / 1_000_000);

            List<TopicReader.Received> received = events.receivedFor(plans::containsKey);
            Map<String, List<TopicReader.Received>> bySession = received.stream()
                    .collect(Collectors.groupingBy(TopicReader.Received::key));
            Set<String> receivedIds = new HashSet<>();
            int expiredLate = 0;
            for (Map.Entry<String, Plan> entry : plans.entrySet()) {
                String sessionId = entry.getKey();
                List<JsonNode> stream = distinctEvents(bySession.get(sessionId));
                assertInOrderWithoutGaps(sessionId, stream);
                List<String> types = stream.stream().map(e -> e.get("type").asString()).toList();
                assertEquals("deposit.created", types.getFirst(), sessionId + " " + types);
                assertEquals(entry.getValue().finalType, types.getLast(), sessionId + " " + types);
                long expiries = types.stream().filter("deposit.expired"::equals).count();
                assertTrue(expiries <= 1, sessionId + " expired " + expiries + " times: " + types);
                if (entry.getValue() != Plan.EXPIRE && expiries == 1) {
                    expiredLate++;
                }
                stream.forEach(e -> receivedIds.add(e.get("id").asString()));
            }

            List<JsonNode> feed = first.feed(widget.business());
            Set<String> committedIds = feed.stream().map(e -> e.get("id").asString()).collect(Collectors.toSet());
            assertEquals(committedIds, receivedIds, "every committed event arrives on Kafka, and nothing else");
            Map<String, List<JsonNode>> feedBySession = feed.stream()
                    .collect(Collectors.groupingBy(e -> e.get("subject").asString()));
            feedBySession.forEach(StreamAssertions::assertInOrderWithoutGaps);

            System.out.printf("ManyInstancesEventStreamIT: %d events committed, %d records received (%d duplicates),"
                            + " %d sessions paid after expiry%n",
                    committedIds.size(), received.size(), received.size() - receivedIds.size(), expiredLate);
            System.out.println("ManyInstancesEventStreamIT commit-to-consumer lag (deposit.created, two instances): "
                    + StreamAssertions.percentiles(StreamAssertions.lags(createdNanos, received)));
        }
    }
}
