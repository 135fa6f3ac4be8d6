package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.adapters.http.JwtMinter;
import dev.sluice.application.port.out.Clock;
import dev.sluice.testsupport.TestServices;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Sluice started in-process over the test database, driven through its HTTP API the way a
 * merchant and a chain watcher would, every response held against the OpenAPI document. Instances
 * given the same data directory share the JWT keys and the session secret key, as several instances
 * of one deployment must.
 */
final class TestSluice implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ContractClient HTTP = new ContractClient();

    private final Sluice sluice;
    private final String url;
    private final DataDirectory data;

    private TestSluice(Sluice sluice, String url, DataDirectory data) {
        this.sluice = sluice;
        this.url = url;
        this.data = data;
    }

    /** The helpers against a Sluice running elsewhere (a child process) on {@code dataDir}. */
    static TestSluice at(String url, Path dataDir) {
        return new TestSluice(null, url, DataDirectory.open(dataDir));
    }

    /**
     * The settings of a test instance: any free port, the test database, the given broker and
     * topics, no rate limit (tests create many sessions with one widget secret); {@code extra} wins.
     */
    static TestSluice start(Path dataDir, String kafka, StreamTopics topics, Map<String, String> extra) {
        return start(dataDir, kafka, topics, extra, () -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Such an instance whose use cases read {@code clock}. */
    static TestSluice start(Path dataDir, String kafka, StreamTopics topics, Map<String, String> extra,
            Clock clock) {
        TestServices.Database db = TestServices.database();
        Map<String, String> environment = new HashMap<>();
        environment.put("SLUICE_PORT", "0");
        environment.put("SLUICE_DATA_DIR", dataDir.toString());
        environment.put("SLUICE_DB_URL", db.jdbcUrl());
        environment.put("SLUICE_DB_USER", db.user());
        environment.put("SLUICE_DB_PASSWORD", db.password());
        environment.put("SLUICE_KAFKA_BOOTSTRAP_SERVERS", kafka);
        environment.put("SLUICE_KAFKA_EVENTS_TOPIC", topics.events());
        environment.put("SLUICE_KAFKA_OBSERVATIONS_TOPIC", topics.observations());
        environment.put("SLUICE_RATE_LIMIT", "0");
        environment.putAll(extra);
        Sluice sluice = Sluice.start(Settings.load(Config.empty(), environment), clock);
        return new TestSluice(sluice, sluice.url(), DataDirectory.open(dataDir));
    }

    String url() {
        return url;
    }

    /** A widget of {@code business} taking any amount from 1 to 1000; returns its id and secret. */
    Widget createWidget(String business) {
        return createWidget(business, "");
    }

    /** Such a widget with more fields, e.g. {@code ,"testMode":true}. */
    Widget createWidget(String business, String moreFields) {
        HttpResponse<String> response = post("/api/v1/businesses/" + business + "/widgets/create-widget",
                Map.of("Authorization", "Bearer " + businessToken(business)),
                "{\"name\":\"Stream shop\",\"mode\":\"CUSTOMER_AMOUNT\",\"minAmount\":\"1\",\"maxAmount\":\"1000\""
                        + moreFields + "}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode widget = read(response.body());
        return new Widget(business, widget.get("id").asString(), widget.get("clientSecret").asString());
    }

    record Widget(String business, String id, String secret) {
    }

    HttpResponse<String> createSession(Widget widget, String amount) {
        return post("/api/v1/widgets/" + widget.id() + "/create-session", Map.of("X-Client-Secret", widget.secret()),
                "{\"amount\":\"" + amount + "\",\"currency\":\"USDC\",\"network\":\"polygon\","
                        + "\"currencyAddress\":\"0x2791\",\"depositAddress\":\"0xMerchant\"}");
    }

    /** Creates a session and returns its id, failing unless the answer is 201. */
    String createSessionId(Widget widget, String amount) {
        HttpResponse<String> response = createSession(widget, amount);
        assertEquals(201, response.statusCode(), response.body());
        return read(response.body()).get("id").asString();
    }

    HttpResponse<String> observe(String sessionId, String observationJson) {
        return post("/api/v1/deposit-sessions/" + sessionId + "/observations",
                Map.of("Authorization", "Bearer " + processorToken()), observationJson);
    }

    /** The session as its business sees it. */
    JsonNode session(Widget widget, String sessionId) {
        HttpResponse<String> response = get("/api/v1/widgets/deposit-sessions/" + sessionId,
                Map.of("Authorization", "Bearer " + businessToken(widget.business())));
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body());
    }

    /** Every event of {@code business} from the events feed, following its cursor page by page. */
    List<JsonNode> feed(String business) {
        List<JsonNode> events = new ArrayList<>();
        String token = businessToken(business);
        String after = null;
        boolean more = true;
        while (more) {
            String query = "?limit=100" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> response = get("/api/v1/businesses/" + business + "/events" + query,
                    Map.of("Authorization", "Bearer " + token));
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = read(response.body());
            page.get("data").forEach(events::add);
            more = page.get("hasMore").asBoolean();
            if (!events.isEmpty()) {
                after = events.getLast().get("id").asString();
            }
        }
        return events;
    }

    /** A webhook endpoint of {@code business} for {@code url}, subscribed to every deposit event. */
    WebhookEndpoint createWebhookEndpoint(String business, String url) {
        HttpResponse<String> response = post("/api/v1/businesses/" + business + "/webhook-endpoints/create-endpoint",
                Map.of("Authorization", "Bearer " + businessToken(business)), "{\"url\":\"" + url + "\",\"events\":"
                        + "[\"deposit.created\",\"deposit.pending\",\"deposit.confirmed\",\"deposit.underpaid\","
                        + "\"deposit.overpaid\",\"deposit.failed\",\"deposit.expired\"]}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode endpoint = read(response.body());
        return new WebhookEndpoint(business, endpoint.get("id").asString(), endpoint.get("signingSecret").asString());
    }

    record WebhookEndpoint(String business, String id, String signingSecret) {
    }

    /** The endpoint as its business sees it. */
    JsonNode webhookEndpoint(WebhookEndpoint endpoint) {
        HttpResponse<String> response = get("/api/v1/businesses/" + endpoint.business() + "/webhook-endpoints/"
                + endpoint.id(), Map.of("Authorization", "Bearer " + businessToken(endpoint.business())));
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body());
    }

    /** The endpoint's deliveries, newest first (up to 100). */
    List<JsonNode> webhookDeliveries(WebhookEndpoint endpoint) {
        HttpResponse<String> response = get("/api/v1/businesses/" + endpoint.business()
                        + "/webhook-deliveries?limit=100&endpointId=" + endpoint.id(),
                Map.of("Authorization", "Bearer " + businessToken(endpoint.business())));
        assertEquals(200, response.statusCode(), response.body());
        List<JsonNode> deliveries = new ArrayList<>();
        read(response.body()).get("data").forEach(deliveries::add);
        return deliveries;
    }

    String businessToken(String business) {
        return token("stream-user", List.of(business), List.of());
    }

    String processorToken() {
        return token("chain-watcher", List.of(), List.of("deposits:observe"));
    }

    private String token(String subject, List<String> businesses, List<String> scopes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return data.devMinter().mint(new JwtMinter.Claims(subject, businesses, scopes, "sluice-dev", "sluice",
                now, now.plus(Duration.ofMinutes(30))));
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return send(path, headers, "POST", body);
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        return send(path, headers, "GET", null);
    }

    private HttpResponse<String> send(String path, Map<String, String> headers, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            return HTTP.send(request, method, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        return JSON.readTree(json);
    }

    @Override
    public void close() {
        if (sluice != null) {
            sluice.close();
        }
    }
}
