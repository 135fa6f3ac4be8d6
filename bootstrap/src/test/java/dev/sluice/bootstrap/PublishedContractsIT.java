package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.adapters.http.JwtMinter;
import dev.sluice.testsupport.OpenApiContract;
import dev.sluice.testsupport.TestServices;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sluice as tools it did not write see it, over a whole run of the real jar: a merchant's and a
 * chain watcher's day (widgets, sessions paid and cancelled, refusals) through the HTTP client that
 * holds every answer against the OpenAPI document; then the events read back from Kafka with the
 * CloudEvents SDK's own deserializer, {@code /observe/metrics} checked by Prometheus's
 * {@code promtool}, and everything the process wrote read for its format and for what must never
 * be in it: a secret, a token or a customer's e-mail.
 */
class PublishedContractsIT {
    private static final Pattern SECRET = Pattern.compile("wdgt_secret_|dep_secret_|whsec_");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.");
    private static final Pattern E_MAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern TEXT_LINE =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ \\S+ .*");
    private static final String REQUEST_LOG = " dev.sluice.adapters.http.RequestLog ";
    private static final Pattern REQUEST_LINE = Pattern.compile("(\\S+) ([A-Z]+) (\\S+) (\\d{3}) \\d+ms");

    @Test
    void aJsonLoggedRunWithKafkaPassesTheCloudEventsSdkPromtoolAndALogShipper() throws Exception {
        String kafka = TestServices.kafkaBootstrapServers();
        StreamTopics topics = StreamTopics.unique().createOn(kafka);
        Path dataDir = Files.createTempDirectory("sluice-contracts");
        try (SluiceProcess sluice = SluiceProcess.start(dataDir, Map.of("SLUICE_LOG_FORMAT", "json",
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", kafka, "SLUICE_KAFKA_EVENTS_TOPIC", topics.events(),
                "SLUICE_KAFKA_OBSERVATIONS_TOPIC", topics.observations()))) {
            Scenario day = new Scenario(sluice.awaitUrl(), DataDirectory.open(dataDir));
            day.run();

            assertEventsAreCloudEvents(kafka, topics.events(), day);
            String metrics = day.call("GET", "/observe/metrics", Map.of(), null, 200).body();
            assertPromtoolAccepts(metrics);
            for (String meter : List.of("sluice_sessions_created_total", "sluice_transitions_total",
                    "sluice_http_requests_seconds_bucket", "sluice_relay_published_total", "jvm_memory_used_bytes",
                    "jvm_gc_collections_total")) {
                assertTrue(metrics.contains("\n" + meter), meter + " missing from /observe/metrics");
            }

            awaitLogged(sluice, day);
            assertTrue(sluice.stop(20), "still running 20 s after SIGTERM");
            List<JsonNode> lines = sluice.err().stream().map(TestSluice::read).toList();
            for (JsonNode line : lines) {
                assertTrue(line.isObject() && line.hasNonNull("timestamp") && line.hasNonNull("level")
                        && line.hasNonNull("logger") && line.has("message"), line.toString());
            }
            Map<String, JsonNode> requests = new HashMap<>();
            lines.stream().filter(line -> line.get("logger").asString().endsWith(".RequestLog"))
                    .forEach(line -> requests.put(line.get("requestId").asString(), line));
            for (Map.Entry<String, Scenario.Sent> sent : day.sent.entrySet()) {
                JsonNode line = requests.get(sent.getKey());
                assertTrue(line != null, "no log line for request " + sent.getKey() + " " + sent.getValue());
                assertEquals(sent.getValue().status(), line.get("status").asInt(), line.toString());
                assertEquals(sent.getValue().method(), line.get("method").asString(), line.toString());
                String route = line.get("route").asString();
                assertTrue(route.startsWith("/") || route.equals("unmatched"), line.toString());
                assertTrue(line.get("latencyMs").isIntegralNumber(), line.toString());
            }
            assertNothingSecret(sluice, day);
        }
    }

    @Test
    void aTextLoggedRunWritesOneLinePerRecordAndNothingSecret() throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-contracts-text");
        try (SluiceProcess sluice = SluiceProcess.start(dataDir, Map.of())) {
            Scenario day = new Scenario(sluice.awaitUrl(), DataDirectory.open(dataDir));
            day.run();

            awaitLogged(sluice, day);
            assertTrue(sluice.stop(20), "still running 20 s after SIGTERM");
            List<String> lines = sluice.err();
            for (String line : lines) {
                assertTrue(TEXT_LINE.matcher(line).matches(), "not one text line per record: " + line);
            }
            List<String> requestIds = lines.stream().filter(line -> line.contains(REQUEST_LOG))
                    .map(line -> line.substring(line.indexOf(REQUEST_LOG) + REQUEST_LOG.length()))
                    .map(REQUEST_LINE::matcher)
                    .filter(java.util.regex.Matcher::matches)
                    .map(matcher -> matcher.group(1))
                    .toList();
            List<String> unlogged = day.sent.keySet().stream().filter(id -> !requestIds.contains(id)).toList();
            assertEquals(List.of(), unlogged, "requests without their log line");
            assertNothingSecret(sluice, day);
        }
    }

    /**
     * A request's line is logged once its answer is sent, so the client may have the answer a moment
     * before the line is written: wait for the last one before stopping the process.
     */
    private static void awaitLogged(SluiceProcess sluice, Scenario day) {
        String last = List.copyOf(day.sent.keySet()).getLast();
        TopicReader.await("the log line of " + last, Duration.ofSeconds(10),
                () -> sluice.err().stream().anyMatch(line -> line.contains(last)));
    }

    /** Nothing the process wrote, on standard output or error, carries a secret, a token or a full e-mail. */
    private static void assertNothingSecret(SluiceProcess sluice, Scenario day) {
        List<String> output = new ArrayList<>(sluice.out());
        output.addAll(sluice.err());
        assertFalse(output.isEmpty());
        for (String line : output) {
            assertFalse(SECRET.matcher(line).find(), "a secret in the output: " + line);
            assertFalse(JWT.matcher(line).find(), "a token in the output: " + line);
            assertFalse(E_MAIL.matcher(line).find(), "an e-mail in the output: " + line);
            for (String secret : day.secrets) {
                assertFalse(line.contains(secret), "a credential of the run in the output: " + line);
            }
        }
    }

    /** Every event of the run's sessions, read with the CloudEvents SDK: valid, and its subject is the record key. */
    private static void assertEventsAreCloudEvents(String kafka, String topic, Scenario day) {
        Map<String, List<String>> expected = Map.of(
                day.paidSession, List.of("deposit.created", "deposit.pending", "deposit.confirmed"),
                day.cancelledSession, List.of("deposit.created", "deposit.expired"));
        Map<String, List<CloudEvent>> received = new LinkedHashMap<>();
        expected.keySet().forEach(session -> received.put(session, new ArrayList<>()));
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.values().stream().mapToInt(List::size).sum() < 5 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    CloudEvent event = record.value();
                    assertEquals(record.key(), event.getSubject(), "the subject is the record key");
                    received.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event);
                }
            }
        }
        OpenApiContract contract = OpenApiContract.sluice();
        for (Map.Entry<String, List<String>> session : expected.entrySet()) {
            List<CloudEvent> events = received.get(session.getKey());
            assertEquals(session.getValue(), events.stream().map(CloudEvent::getType).toList(), session.getKey());
            for (int i = 0; i < events.size(); i++) {
                CloudEvent event = events.get(i);
                assertEquals(SpecVersion.V1, event.getSpecVersion());
                assertTrue(event.getId().startsWith("evt_"), event.getId());
                assertEquals(URI.create("/widgets/" + day.widgetId), event.getSource());
                assertEquals("application/json", event.getDataContentType());
                assertTrue(event.getTime() != null, "time");
                JsonNode data = TestSluice.read(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
                assertEquals(List.of(), contract.validate("#/components/schemas/EventData", data), data.toString());
                assertEquals(i + 1, data.get("sequence").asInt());
                assertEquals(session.getKey(), data.get("sessionId").asString());
            }
        }
    }

    private static void assertPromtoolAccepts(String metrics) throws IOException, InterruptedException {
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (Debian package prometheus; scripts/test.sh installs it)",
                    e);
        }
        try (var in = promtool.getOutputStream()) {
            in.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool still running");
        assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + said);
        assertEquals("", said.strip(), "promtool check metrics");
    }

    /** A merchant's and a chain watcher's day, every answer held against the OpenAPI document. */
    private static final class Scenario {
        record Sent(String method, String path, int status) {
        }

        /** Its own business, so that no other run's widgets count against its limit of 10. */
        private final String business = EventStreamIT.uniqueBusiness();
        private final ContractClient http = new ContractClient();
        private final String url;
        private final DataDirectory data;
        /** Every request sent, by the X-Request-Id of its answer. */
        final Map<String, Sent> sent = new LinkedHashMap<>();
        /** Every credential and e-mail the run handled. */
        final List<String> secrets = new ArrayList<>();
        String widgetId;
        String paidSession;
        String cancelledSession;

        Scenario(String url, DataDirectory data) {
            this.url = url;
            this.data = data;
        }

        void run() throws Exception {
            String merchant = token("merchant", List.of(business), List.of());
            String watcher = token("chain-watcher", List.of(), List.of("deposits:observe"));
            secrets.addAll(List.of(merchant, watcher));
            Map<String, String> asMerchant = Map.of("Authorization", "Bearer " + merchant);
            String widgets = "/api/v1/businesses/" + business + "/widgets";

            JsonNode widget = json(call("POST", widgets + "/create-widget", asMerchant, """
                    {"name":"Contracts shop","mode":"CUSTOMER_AMOUNT","minAmount":"1","maxAmount":"1000",
                     "allowedCurrencies":["USDC"],"metadataSchema":{"type":"object","required":["orderId"]}}""", 201));
            widgetId = widget.get("id").asString();
            String widgetSecret = remember(widget.get("clientSecret").asString());
            Map<String, String> asWidget = Map.of("X-Client-Secret", widgetSecret);
            call("GET", widgets, asMerchant, null, 200);
            call("GET", widgets + "/" + widgetId, asMerchant, null, 200);
            call("POST", widgets + "/" + widgetId + "/update-widget", asMerchant, "{\"emoji\":\"🦊\"}", 200);
            call("GET", "/api/v1/widgets/" + widgetId + "/config", asWidget, null, 200);

            String email = remember("payer.one@example.com");
            String createSession = "/api/v1/widgets/" + widgetId + "/create-session";
            String sessionBody = """
                    {"amount":"100.50","currency":"USDC","network":"polygon","currencyAddress":"0x2791",
                     "depositAddress":"0xMerchant","customerEmail":"%s","customerReference":"order_1",
                     "metadata":{"orderId":"A1"}}""".formatted(email);
            Map<String, String> idempotent = Map.of("X-Client-Secret", widgetSecret, "Idempotency-Key", "order_1-try");
            JsonNode paid = json(call("POST", createSession, idempotent, sessionBody, 201));
            call("POST", createSession, idempotent, sessionBody, 201);
            paidSession = paid.get("id").asString();
            String paidSecret = remember(paid.get("clientSecret").asString());
            String sessions = "/api/v1/widgets/deposit-sessions/";
            call("GET", sessions + paidSession, Map.of("X-Client-Secret", paidSecret), null, 200);

            Map<String, String> asWatcher = Map.of("Authorization", "Bearer " + watcher);
            String observations = "/api/v1/deposit-sessions/" + paidSession + "/observations";
            // observation ids are unique across sessions: the shared test database keeps other runs' ids
            String run = paidSession.substring("dep_".length());
            call("POST", observations, asWatcher, """
                    {"observationId":"obs_1%s","kind":"DETECTED","txId":"0xabc",
                     "confirmations":1}""".formatted(run), 200);
            call("POST", observations, asWatcher, """
                    {"observationId":"obs_2%s","kind":"CONFIRMED","txId":"0xabc","amountReceived":"100.50",
                     "confirmations":12}""".formatted(run), 200);
            call("POST", observations, asWatcher, """
                    {"observationId":"obs_3%s","kind":"CONFIRMED","txId":"0xabc","amountReceived":"7",
                     "confirmations":13}""".formatted(run), 409);

            JsonNode cancelled = json(call("POST", createSession, asWidget, """
                    {"amount":"5","currency":"USDC","network":"polygon","currencyAddress":"",
                     "depositAddress":"0xMerchant","metadata":{"orderId":"A2"}}""", 201));
            cancelledSession = cancelled.get("id").asString();
            Map<String, String> asCancelled =
                    Map.of("X-Client-Secret", remember(cancelled.get("clientSecret").asString()));
            call("POST", sessions + cancelledSession + "/cancel-session", asCancelled, null, 200);
            call("POST", sessions + cancelledSession + "/cancel-session", asCancelled, null, 400);
            call("GET", "/api/v1/widgets/" + widgetId + "/deposit-sessions?limit=10", asMerchant, null, 200);
            call("GET", "/api/v1/businesses/" + business + "/events?limit=100", asMerchant, null, 200);

            // refusals: none may leave a credential or an e-mail behind in the log
            call("POST", createSession, Map.of("X-Client-Secret", "wdgt_secret_not-this-one"), sessionBody, 401);
            call("POST", createSession, Map.of("Authorization", "Bearer " + merchant + "x"), sessionBody, 401);
            call("POST", createSession, asWidget, """
                    {"amount":"0.5","currency":"usdc","network":"polygon","currencyAddress":"",
                     "depositAddress":"0xMerchant","customerEmail":"payer.two@example","metadata":{}}""", 400);
            call("GET", widgets + "/" + widgetId, Map.of("Authorization", "Bearer " + watcher), null, 403);
            call("GET", createSession, asWidget, null, 405);
            call("GET", "/api/v1/nothing-here", Map.of(), null, 404);
            call("GET", "/api/v1/nothing-here", Map.of("X-Request-Id", remember("wdgt_secret_pasted-as-an-id")), null,
                    404);
            remember(json(call("POST", widgets + "/" + widgetId + "/rotate-secret", asMerchant, null, 200))
                    .get("clientSecret").asString());
            call("POST", widgets + "/" + widgetId + "/delete-widget", asMerchant, null, 200);

            call("GET", "/openapi", Map.of(), null, 200);
            call("GET", "/openapi.json", Map.of(), null, 200);
            call("GET", "/observe/health/live", Map.of(), null, 200);
            call("GET", "/observe/health/ready", Map.of(), null, 200);
        }

        HttpResponse<String> call(String method, String path, Map<String, String> headers, String body, int status)
                throws IOException, InterruptedException {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request, method, body);
            assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
            sent.put(response.headers().firstValue("X-Request-Id").orElseThrow(),
                    new Sent(method, path, response.statusCode()));
            return response;
        }

        private String remember(String secret) {
            secrets.add(secret);
            return secret;
        }

        private static JsonNode json(HttpResponse<String> response) {
            return TestSluice.read(response.body());
        }

        private String token(String subject, List<String> businesses, List<String> scopes) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return data.devMinter().mint(new JwtMinter.Claims(subject, businesses, scopes, "sluice-dev", "sluice", now,
                    now.plus(Duration.ofMinutes(30))));
        }
    }
}
