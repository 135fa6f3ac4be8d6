package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.adapters.http.JwtMinter;
import dev.sluice.testsupport.TestServices;
import io.helidon.config.Config;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end: the real server on a random port, over MariaDB and the Kafka
 * broker, creating a widget and a session through HTTP and reading the session's
 * {@code deposit.created} CloudEvent back from Kafka with a plain consumer.
 */
class CreateSessionEndToEndIT {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ContractClient HTTP = new ContractClient();
    private static final String EVENTS_TOPIC = "deposit-session-events";
    private static final String BUSINESS = "biz_e2e";

    private static Sluice sluice;
    private static DataDirectory data;

    @BeforeAll
    static void startSluice() throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-e2e");
        TestServices.Database db = TestServices.database();
        Map<String, String> environment = new HashMap<>();
        environment.put("SLUICE_PORT", "0");
        environment.put("SLUICE_DATA_DIR", dataDir.toString());
        environment.put("SLUICE_DB_URL", db.jdbcUrl());
        environment.put("SLUICE_DB_USER", db.user());
        environment.put("SLUICE_DB_PASSWORD", db.password());
        environment.put("SLUICE_KAFKA_BOOTSTRAP_SERVERS", TestServices.kafkaBootstrapServers());
        sluice = Sluice.start(Settings.load(Config.empty(), environment));
        data = DataDirectory.open(dataDir);
    }

    @AfterAll
    static void stopSluice() {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aSessionCreatedWithTheWidgetSecretIsStoredAndAnnouncedOnKafka() throws Exception {
        JsonNode widget = post("/api/v1/businesses/" + BUSINESS + "/widgets/create-widget",
                Map.of("Authorization", "Bearer " + businessToken()),
                "{\"name\":\"E2E shop\",\"mode\":\"CUSTOMER_AMOUNT\",\"minAmount\":\"1\",\"maxAmount\":\"1000\"}",
                201);
        String widgetId = widget.get("id").asString();
        String widgetSecret = widget.get("clientSecret").asString();

        HttpResponse<String> created = send("/api/v1/widgets/" + widgetId + "/create-session",
                Map.of("X-Client-Secret", widgetSecret),
                "{\"amount\":\"100.50\",\"currency\":\"USDC\",\"network\":\"polygon\",\"currencyAddress\":\"0x2791\","
                        + "\"depositAddress\":\"0xMerchant\",\"customerReference\":\"order_12345\","
                        + "\"metadata\":{\"orderId\":\"A1\"}}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = JSON.readTree(created.body());
        String sessionId = session.get("id").asString();
        assertTrue(sessionId.startsWith("dep_"), sessionId);
        assertEquals(Optional.of("/api/v1/widgets/deposit-sessions/" + sessionId), created.headers().firstValue("Location"));
        assertEquals("CREATED", session.get("paymentStatus").asString());
        assertEquals("100.50", session.get("amount").asString());
        assertEquals(widgetId, session.get("widgetId").asString());
        Instant createdAt = Instant.parse(session.get("createdAt").asString());
        Instant expiresAt = Instant.parse(session.get("expiresAt").asString());
        assertEquals(createdAt.plus(Duration.ofMinutes(30)), expiresAt);
        assertTrue(session.get("clientSecret").asString().startsWith("dep_secret_"));

        JsonNode stored = get("/api/v1/widgets/deposit-sessions/" + sessionId,
                Map.of("X-Client-Secret", session.get("clientSecret").asString()));
        assertEquals("CREATED", stored.get("paymentStatus").asString());

        JsonNode event = awaitEvent(sessionId, Duration.ofSeconds(30));
        assertEquals("1.0", event.get("specversion").asString());
        assertEquals("deposit.created", event.get("type").asString());
        assertEquals(sessionId, event.get("subject").asString());
        assertEquals("/widgets/" + widgetId, event.get("source").asString());
        assertTrue(event.get("id").asString().startsWith("evt_"));
        assertEquals(1, event.get("data").get("sequence").asInt());
        assertEquals("CREATED", event.get("data").get("status").asString());
        assertEquals(BUSINESS, event.get("data").get("businessId").asString());
        assertEquals("100.50", event.get("data").get("amount").asString());
    }

    /** Reads the events topic from the start until the session's event shows up. */
    private static JsonNode awaitEvent(String sessionId, Duration timeout) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(EVENTS_TOPIC, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .collect(Collectors.toList());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (sessionId.equals(record.key())) {
                        assertEquals("application/cloudevents+json", new String(
                                record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
                        return JSON.readTree(record.value());
                    }
                }
            }
        }
        throw new AssertionError("no event for " + sessionId + " on " + EVENTS_TOPIC + " within " + timeout);
    }

    private static String businessToken() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return data.devMinter().mint(new JwtMinter.Claims("e2e-user", List.of(BUSINESS), List.of(),
                "sluice-dev", "sluice", now, now.plus(Duration.ofMinutes(10))));
    }

    private static JsonNode post(String path, Map<String, String> headers, String body, int expectedStatus)
            throws Exception {
        HttpResponse<String> response = send(path, headers, body);
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sluice.url() + path));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.get(request);
        assertEquals(200, response.statusCode(), response.body());
        assertNotNull(response.headers().firstValue("X-Request-Id").orElse(null));
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sluice.url() + path));
        headers.forEach(request::header);
        return HTTP.post(request, body);
    }
}
