package dev.sluice.adapters.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.testsupport.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservationConsumerTest {
    private static final String SESSION = SessionId.generate().value();
    private static final String UNKNOWN_SESSION = SessionId.generate().value();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final TestKafka kafka = new TestKafka();
    private final String group = TestKafka.uniqueName("group");

    @AfterEach
    void closeAdmin() {
        kafka.close();
    }

    private ObservationSettings settings(String topic) {
        return new ObservationSettings(kafka.bootstrap(), topic, topic + ".dlq", group, 100, Duration.ofMillis(200),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static String observation(String observationId) {
        return "{\"observationId\":\"" + observationId + "\",\"kind\":\"DETECTED\",\"txId\":\"0xabc\",\"confirmations\":1}";
    }

    /** Polls as the consumer's loop would, its delays included, until {@code done}. */
    private static void pollUntil(ObservationConsumer consumer, BooleanSupplier done) {
        Eventually.await("the consumer to get there", WAIT, consumer::nextDelay, () -> {
            if (done.getAsBoolean()) {
                return true;
            }
            consumer.pollOnce();
            return done.getAsBoolean();
        });
    }

    @Test
    void recordsAnObservationThroughTheUseCaseAndCommitsAfterIt() throws Exception {
        String topic = kafka.createTopic("observations", 1);
        kafka.send(topic, SESSION, observation("obs_1"));
        FakeRecordObservation useCase = new FakeRecordObservation(call -> null);

        try (ObservationConsumer consumer = new ObservationConsumer(useCase, settings(topic))) {
            pollUntil(consumer, () -> consumer.recordedCount() == 1);
            assertEquals(0, consumer.lag());
        }

        FakeRecordObservation.Call call = useCase.calls.getFirst();
        assertEquals(new Caller.Internal("kafka"), call.caller());
        assertEquals(SESSION, call.sessionId());
        assertEquals(new ObservationDraft("obs_1", "DETECTED", "0xabc", null, 1L, null), call.draft());
        assertEquals(List.of(), call.violations());
        assertEquals(Map.of(0, 1L), kafka.committed(group));
    }

    @Test
    void reportsTheLagOfWhatIsNotReadYet() throws Exception {
        String topic = kafka.createTopic("observations", 1);
        for (int i = 1; i <= 3; i++) {
            kafka.send(topic, SESSION, observation("obs_" + i));
        }
        FakeRecordObservation useCase = new FakeRecordObservation(call -> null);
        ObservationSettings onePerPoll = new ObservationSettings(kafka.bootstrap(), topic, topic + ".dlq", group, 1,
                Duration.ofMillis(200), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                Duration.ofSeconds(5), Duration.ofSeconds(5));

        try (ObservationConsumer consumer = new ObservationConsumer(useCase, onePerPoll)) {
            pollUntil(consumer, () -> consumer.recordedCount() == 1);
            assertEquals(2, consumer.lag());
            pollUntil(consumer, () -> consumer.recordedCount() == 3);
            assertEquals(0, consumer.lag());
        }
    }

    @Test
    void deadLettersPoisonWithItsReasonAndMovesOn() throws Exception {
        String topic = kafka.createTopic("observations", 1);
        kafka.createTopicNamed(topic + ".dlq", 1);
        kafka.send(topic, SESSION, "{not json");
        kafka.send(topic, SESSION, "{\"observationId\":\"obs_typo\",\"kind\":\"DETECTED\",\"colour\":\"red\"}");
        kafka.send(topic, UNKNOWN_SESSION, observation("obs_lost"));
        kafka.send(topic, SESSION, observation("obs_good"));
        FakeRecordObservation useCase = new FakeRecordObservation(
                call -> call.sessionId().equals(UNKNOWN_SESSION) ? DomainException.notFound("session") : null);

        try (ObservationConsumer consumer = new ObservationConsumer(useCase, settings(topic))) {
            pollUntil(consumer, () -> consumer.recordedCount() == 1);
            assertEquals(3, consumer.deadLetteredCount());
        }

        assertEquals(List.of("obs_typo", "obs_lost", "obs_good"), useCase.observationIds());
        List<ConsumerRecord<String, byte[]>> letters = kafka.readAll(topic + ".dlq", 3);
        assertEquals(List.of("invalid_json", "validation_failed", "not_found"), letters.stream()
                .map(r -> new String(r.headers().lastHeader("sluice-dlq-reason").value(), StandardCharsets.UTF_8))
                .toList());
        assertEquals(List.of(SESSION, SESSION, UNKNOWN_SESSION), letters.stream().map(ConsumerRecord::key).toList());
        assertEquals("{not json", new String(letters.getFirst().value(), StandardCharsets.UTF_8));
        assertEquals(Map.of(0, 4L), kafka.committed(group));
    }

    @Test
    void retriesAPassingFailureWithoutSkippingIt() throws Exception {
        String topic = kafka.createTopic("observations", 1);
        kafka.send(topic, SESSION, observation("obs_flaky"));
        kafka.send(topic, SESSION, observation("obs_next"));
        AtomicInteger failuresLeft = new AtomicInteger(2);
        FakeRecordObservation useCase = new FakeRecordObservation(call ->
                call.draft().observationId().equals("obs_flaky") && failuresLeft.getAndDecrement() > 0
                        ? new StoreUnavailableException("database down", null) : null);

        try (ObservationConsumer consumer = new ObservationConsumer(useCase, settings(topic))) {
            pollUntil(consumer, () -> consumer.recordedCount() == 2);
            assertEquals(2, consumer.retryCount());
            assertEquals(0, consumer.deadLetteredCount());
        }

        assertEquals(List.of("obs_flaky", "obs_flaky", "obs_flaky", "obs_next"), useCase.observationIds());
        assertEquals(Map.of(0, 2L), kafka.committed(group));
    }

    @Test
    void loopConsumesUntilClosed() throws Exception {
        String topic = kafka.createTopic("observations", 3);
        FakeRecordObservation useCase = new FakeRecordObservation(call -> null);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ObservationConsumer consumer = new ObservationConsumer(useCase, settings(topic))) {
            consumer.start(scheduler);
            kafka.send(topic, SESSION, observation("obs_1"));
            kafka.send(topic, UNKNOWN_SESSION, observation("obs_2"));

            Eventually.await("both observations recorded", WAIT, () -> consumer.recordedCount() >= 2);
            assertEquals(2, consumer.recordedCount());
        } finally {
            scheduler.shutdownNow();
        }
        assertEquals(2L, kafka.committed(group).values().stream().mapToLong(Long::longValue).sum());
    }
}
