package dev.sluice.bootstrap;

import static dev.sluice.bootstrap.StreamAssertions.assertCloudEvent;
import static dev.sluice.bootstrap.StreamAssertions.assertInOrderWithoutGaps;
import static dev.sluice.bootstrap.StreamAssertions.distinctEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testsupport.TestServices;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Payments as customers make them, through one Sluice over MariaDB and Kafka: several
 * transactions per session, top-ups, overpayment, a tolerance, the widget's session lifetime and
 * test mode, each change on the events topic and in the feed with the session's payments.
 */
class PaymentsEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestSluice sluice;
    private static TopicReader events;
    private static KafkaProducer<String, String> observations;
    private static StreamTopics topics;

    @BeforeAll
    static void start() throws Exception {
        String kafka = TestServices.kafkaBootstrapServers();
        topics = StreamTopics.unique().createOn(kafka);
        sluice = TestSluice.start(Files.createTempDirectory("sluice-payments"), kafka, topics, Map.of());
        events = TopicReader.of(kafka, topics.events());
        observations = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {observations, events, sluice}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static String business() {
        return "biz_" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    }

    private static JsonNode observe(String sessionId, String kind, String txId, String amount) {
        HttpResponse<String> response = sluice.observe(sessionId, observation(kind, txId, amount));
        assertEquals(200, response.statusCode(), response.body());
        return TestSluice.read(response.body());
    }

    private static String observation(String kind, String txId, String amount) {
        return "{\"observationId\":\"obs_" + UUID.randomUUID() + "\",\"kind\":\"" + kind + "\",\"txId\":\"" + txId
                + "\"" + (amount == null ? "" : ",\"amountReceived\":\"" + amount + "\"") + ",\"confirmations\":3}";
    }

    /** The session's events from the topic, once {@code count} arrived, checked as CloudEvents in order. */
    private static List<JsonNode> streamOf(TestSluice.Widget widget, String sessionId, int count) {
        TopicReader.await(count + " events of " + sessionId, WAIT,
                () -> distinctEvents(events.receivedFor(sessionId::equals)).size() >= count);
        List<TopicReader.Received> records = events.receivedFor(sessionId::equals);
        records.forEach(record -> assertCloudEvent(record, sessionId, widget.id()));
        List<JsonNode> stream = distinctEvents(records);
        assertInOrderWithoutGaps(sessionId, stream);
        assertEquals(count, stream.size());
        List<JsonNode> feed = sluice.feed(widget.business());
        assertEquals(stream.stream().map(e -> e.get("id").asString()).toList(),
                feed.stream().filter(e -> e.get("subject").asString().equals(sessionId))
                        .map(e -> e.get("id").asString()).toList(), "the feed serves the same events");
        return stream;
    }

    private static List<String> types(List<JsonNode> stream) {
        return stream.stream().map(e -> e.get("type").asString()).toList();
    }

    private static List<String> txIds(JsonNode payments) {
        List<String> ids = new ArrayList<>();
        payments.forEach(p -> ids.add(p.get("txId").asString()));
        return ids;
    }

    @Test
    void twoTransactionsThatAddUpConfirmWithBothListedAndTheSessionLivesAsLongAsItsWidgetSays() {
        TestSluice.Widget widget = sluice.createWidget(business(), ",\"sessionTtl\":\"PT2H\"");
        HttpResponse<String> created = sluice.createSession(widget, "100");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = TestSluice.read(created.body());
        String id = session.get("id").asString();
        assertEquals(Instant.parse(session.get("createdAt").asString()).plus(Duration.ofHours(2)),
                Instant.parse(session.get("expiresAt").asString()));

        observe(id, "DETECTED", "0xa_" + id, null);
        observe(id, "DETECTED", "0xb_" + id, null);
        observe(id, "CONFIRMED", "0xa_" + id, "60");
        JsonNode paid = observe(id, "CONFIRMED", "0xb_" + id, "40");

        assertEquals("CONFIRMED", paid.get("paymentStatus").asString());
        assertEquals(List.of("0xa_" + id, "0xb_" + id), txIds(paid.get("payments")));
        List<JsonNode> stream = streamOf(widget, id, 4);
        assertEquals(List.of("deposit.created", "deposit.pending", "deposit.pending", "deposit.confirmed"),
                types(stream));
        JsonNode last = stream.getLast().get("data");
        assertEquals("100", last.get("amountReceived").asString());
        assertEquals("0", last.get("amountDue").asString());
        assertEquals(List.of("0xa_" + id, "0xb_" + id), txIds(last.get("payments")));
        assertEquals("60", stream.get(2).get("data").get("amountReceived").asString(),
                "a change of the amount received alone repeats the status's type");
    }

    @Test
    void aShortPaymentThenATopUpFromKafkaIsUnderpaidPendingConfirmed() {
        TestSluice.Widget widget = sluice.createWidget(business());
        String id = sluice.createSessionId(widget, "100");

        observe(id, "CONFIRMED", "0xa_" + id, "70");
        produce(id, observation("DETECTED", "0xb_" + id, null));
        produce(id, observation("CONFIRMED", "0xb_" + id, "30"));

        List<JsonNode> stream = streamOf(widget, id, 4);
        assertEquals(List.of("deposit.created", "deposit.underpaid", "deposit.pending", "deposit.confirmed"),
                types(stream));
        assertEquals("30", stream.get(1).get("data").get("amountDue").asString());
        assertEquals("UNDERPAID", stream.get(2).get("data").get("previousStatus").asString());
        assertEquals("100", stream.get(3).get("data").get("amountReceived").asString());
        assertEquals("CONFIRMED", sluice.session(widget, id).get("paymentStatus").asString());
    }

    @Test
    void aSecondPaymentOnAConfirmedSessionMakesItOverpaid() {
        TestSluice.Widget widget = sluice.createWidget(business());
        String id = sluice.createSessionId(widget, "100");

        observe(id, "CONFIRMED", "0xa_" + id, "100");
        JsonNode overpaid = observe(id, "CONFIRMED", "0xb_" + id, "0.5");

        assertEquals("OVERPAID", overpaid.get("paymentStatus").asString());
        assertEquals("100.5", overpaid.get("amountReceived").asString());
        assertEquals(List.of("deposit.created", "deposit.confirmed", "deposit.overpaid"),
                types(streamOf(widget, id, 3)));
    }

    @Test
    void withOnePercentToleranceNinetyNineAndAHalfConfirmsWithHalfDue() {
        TestSluice.Widget widget = sluice.createWidget(business(), ",\"paymentTolerancePercent\":\"1\"");
        String id = sluice.createSessionId(widget, "100");

        JsonNode confirmed = observe(id, "CONFIRMED", "0xa_" + id, "99.5");

        assertEquals("CONFIRMED", confirmed.get("paymentStatus").asString());
        assertEquals("0.5", confirmed.get("amountDue").asString());
        assertEquals("0.5", streamOf(widget, id, 2).getLast().get("data").get("amountDue").asString());
    }

    @Test
    void simulatePaymentDrivesATestSessionToConfirmedAndIsRefusedOnALiveWidget() {
        TestSluice.Widget test = sluice.createWidget(business(), ",\"testMode\":true");
        HttpResponse<String> created = sluice.createSession(test, "100");
        JsonNode session = TestSluice.read(created.body());
        String id = session.get("id").asString();
        assertTrue(session.get("testMode").asBoolean());
        Map<String, String> customer = Map.of("X-Client-Secret", session.get("clientSecret").asString());

        HttpResponse<String> paid = sluice.post("/api/v1/widgets/deposit-sessions/" + id + "/simulate-payment",
                customer, "{\"amount\":\"100\",\"outcome\":\"CONFIRMED\"}");

        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("CONFIRMED", TestSluice.read(paid.body()).get("paymentStatus").asString());
        List<JsonNode> stream = streamOf(test, id, 2);
        assertEquals(List.of("deposit.created", "deposit.confirmed"), types(stream));
        assertTrue(stream.getLast().get("data").get("txId").asString().startsWith("test_"));
        // the chain watcher's topic keeps working for test sessions too
        produce(id, observation("CONFIRMED", "0xreal_" + id, "1"));
        List<JsonNode> withRealMoney = streamOf(test, id, 3);
        assertEquals("deposit.overpaid", withRealMoney.getLast().get("type").asString());
        withRealMoney.forEach(event -> assertTrue(event.get("data").get("testMode").asBoolean()));

        TestSluice.Widget live = sluice.createWidget(business());
        String liveId = sluice.createSessionId(live, "100");
        HttpResponse<String> refused = sluice.post("/api/v1/widgets/deposit-sessions/" + liveId + "/simulate-payment",
                Map.of("Authorization", "Bearer " + sluice.businessToken(live.business())),
                "{\"amount\":\"100\",\"outcome\":\"CONFIRMED\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("not_test_mode", TestSluice.read(refused.body()).get("code").asString());
        assertEquals("CREATED", sluice.session(live, liveId).get("paymentStatus").asString());
    }

    private static void produce(String sessionId, String observation) {
        try {
            observations.send(new ProducerRecord<>(topics.observations(), sessionId, observation)).get(30,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot send an observation", e);
        }
    }
}
