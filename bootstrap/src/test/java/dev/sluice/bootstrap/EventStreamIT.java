package dev.sluice.bootstrap;

import static dev.sluice.bootstrap.StreamAssertions.assertCloudEvent;
import static dev.sluice.bootstrap.StreamAssertions.assertInOrderWithoutGaps;
import static dev.sluice.bootstrap.StreamAssertions.distinctEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.adapters.kafka.ObservationConsumer;
import dev.sluice.testsupport.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The event stream of one Sluice over MariaDB and the Kafka broker: observations from HTTP and
 * from the observations topic move sessions, every change arrives on the events topic as a
 * CloudEvent in order, the events feed serves the same events, and a poison observation goes to
 * the dead-letter topic without holding up its partition.
 */
class EventStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static StreamTopics topics;
    private static TestSluice sluice;
    private static TopicReader events;
    private static TopicReader deadLetters;
    private static KafkaProducer<String, String> observations;
    private static final Map<String, Long> committedNanos = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        String kafka = TestServices.kafkaBootstrapServers();
        topics = StreamTopics.unique().createOn(kafka);
        sluice = TestSluice.start(Files.createTempDirectory("sluice-stream"), kafka, topics, Map.of());
        events = TopicReader.of(kafka, topics.events());
        deadLetters = TopicReader.of(kafka, topics.deadLetters());
        observations = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println("EventStreamIT commit-to-consumer lag (HTTP-driven events): "
                + StreamAssertions.percentiles(StreamAssertions.lags(committedNanos, events.receivedFor(k -> true))));
        for (AutoCloseable closeable : new AutoCloseable[] {observations, deadLetters, events, sluice}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void observationsOverHttpMoveASessionAndEveryChangeArrivesAsACloudEventInOrder() {
        TestSluice.Widget widget = sluice.createWidget(uniqueBusiness());
        String sessionId = created(widget, "100");

        observeOverHttp(sessionId, 2, detected(sessionId));
        observeOverHttp(sessionId, 3, confirmed(sessionId, "100"));

        assertConfirmedStream(widget, sessionId);
    }

    @Test
    void observationsFromKafkaTakeTheSamePathAsHttp() {
        TestSluice.Widget widget = sluice.createWidget(uniqueBusiness());
        String sessionId = created(widget, "100");

        produce(sessionId, detected(sessionId));
        produce(sessionId, confirmed(sessionId, "100"));

        assertConfirmedStream(widget, sessionId);
        assertEquals("CONFIRMED", sluice.session(widget, sessionId).get("paymentStatus").asString());
    }

    @Test
    void aPoisonObservationGoesToTheDeadLetterTopicAndTheNextMessageOfItsPartitionIsProcessed() {
        TestSluice.Widget widget = sluice.createWidget(uniqueBusiness());
        String confirmedId = created(widget, "100");
        observeOverHttp(confirmedId, 2, confirmed(confirmedId, "100"));
        String unknownId = "dep_" + UUID.randomUUID().toString().replace("-", "");
        String laterId = created(widget, "100");

        // All on one partition, the good message last: it is processed only if the poison ones make way.
        int partition = 1;
        produce(partition, confirmedId, "{\"observationId\":\"obs_broken\",");
        produce(partition, unknownId, detected(unknownId));
        produce(partition, confirmedId, failed(confirmedId));
        produce(partition, laterId, detected(laterId));

        TopicReader.await("the good message after the poison ones", WAIT,
                () -> sluice.session(widget, laterId).get("paymentStatus").asString().equals("PENDING"));
        TopicReader.await("three dead letters", WAIT,
                () -> deadLetters.receivedFor(k -> k.equals(confirmedId) || k.equals(unknownId)).size() >= 3);
        assertEquals(List.of("invalid_json", "invalid_transition"), reasons(confirmedId));
        assertEquals(List.of("not_found"), reasons(unknownId));
        assertEquals("CONFIRMED", sluice.session(widget, confirmedId).get("paymentStatus").asString(),
                "the refused observation left the session unchanged");
    }

    private static List<String> reasons(String key) {
        return deadLetters.receivedFor(key::equals).stream()
                .map(r -> r.headers().get(ObservationConsumer.DEAD_LETTER_REASON_HEADER))
                .toList();
    }

    /** The session's created, pending and confirmed events on Kafka, and the same three in the feed. */
    private static void assertConfirmedStream(TestSluice.Widget widget, String sessionId) {
        TopicReader.await("three events of " + sessionId, WAIT,
                () -> distinctEvents(events.receivedFor(sessionId::equals)).size() >= 3);
        List<TopicReader.Received> records = events.receivedFor(sessionId::equals);
        records.forEach(record -> assertCloudEvent(record, sessionId, widget.id()));
        List<JsonNode> stream = distinctEvents(records);
        assertInOrderWithoutGaps(sessionId, stream);
        assertEquals(List.of("deposit.created", "deposit.pending", "deposit.confirmed"),
                stream.stream().map(e -> e.get("type").asString()).toList());
        assertNull(stream.get(0).get("data").get("previousStatus").asString(null));
        assertEquals("PENDING", stream.get(2).get("data").get("previousStatus").asString());
        assertEquals("100", stream.get(2).get("data").get("amountReceived").asString());
        assertEquals(widget.business(), stream.get(2).get("data").get("businessId").asString());

        List<JsonNode> feed = sluice.feed(widget.business());
        assertEquals(ids(stream), ids(feed), "the events feed serves the same events in commit order");
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asString()).toList();
    }

    private static String created(TestSluice.Widget widget, String amount) {
        HttpResponse<String> response = sluice.createSession(widget, amount);
        long committed = System.nanoTime();
        assertEquals(201, response.statusCode(), response.body());
        String sessionId = TestSluice.read(response.body()).get("id").asString();
        committedNanos.put(StreamAssertions.eventKey(sessionId, 1), committed);
        return sessionId;
    }

    private static void observeOverHttp(String sessionId, long sequence, String observation) {
        HttpResponse<String> response = sluice.observe(sessionId, observation);
        long committed = System.nanoTime();
        assertEquals(200, response.statusCode(), response.body());
        committedNanos.put(StreamAssertions.eventKey(sessionId, sequence), committed);
    }

    private static void produce(String sessionId, String observation) {
        send(new ProducerRecord<>(topics.observations(), sessionId, observation));
    }

    private static void produce(int partition, String sessionId, String observation) {
        send(new ProducerRecord<>(topics.observations(), partition, sessionId, observation));
    }

    private static void send(ProducerRecord<String, String> record) {
        try {
            observations.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot send an observation", e);
        }
    }

    static String detected(String sessionId) {
        return "{\"observationId\":\"obs_d_" + sessionId + "\",\"kind\":\"DETECTED\",\"txId\":\"0xtx_" + sessionId
                + "\",\"confirmations\":1}";
    }

    static String confirmed(String sessionId, String amount) {
        return "{\"observationId\":\"obs_c_" + sessionId + "\",\"kind\":\"CONFIRMED\",\"txId\":\"0xtx_" + sessionId
                + "\",\"amountReceived\":\"" + amount + "\",\"confirmations\":12}";
    }

    static String failed(String sessionId) {
        return "{\"observationId\":\"obs_f_" + sessionId + "\",\"kind\":\"FAILED\",\"txId\":\"0xtx_" + sessionId + "\"}";
    }

    static String uniqueBusiness() {
        return "biz_" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    }
}
