package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.common.concurrency.limits.FixedLimit;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SLUICE_MAX_STREAMS, the end of a stream's life, and streams that never hold a place among requests. */
@ServerTest
class StatusStreamLimitTest {
    private static final TestApp APP = new TestApp(0, 1,
            FixedLimit.builder().permits(1).queueLength(0).build(), Duration.ofSeconds(2));
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Http http;
    private final URI server;

    StatusStreamLimitTest(Http1Client client, URI server) {
        this.http = new Http(client);
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    @Test
    void beyondTheLimitAStreamIs503WithRetryAfterAndAFreedPlaceIsTakenAgain() throws Exception {
        Widget.Issued widget = APP.widget("biz_a");
        JsonNode created = session(widget);
        URI stream = server.resolve("/api/v1/widgets/deposit-sessions/" + created.get("id").asString() + "/status-stream");
        Map<String, String> secret = Map.of("X-Client-Secret", created.get("clientSecret").asString());

        try (StreamReader first = new StreamReader(stream, secret)) {
            first.next(WAIT);
            Http.Reply config = http.get("/api/v1/widgets/" + widget.widget().id().value() + "/config")
                    .secret(widget.clientSecret()).send();
            try (StreamReader second = new StreamReader(stream, secret)) {
                assertEquals(503, second.response.statusCode());
                assertEquals("30", second.response.headers().firstValue("Retry-After").orElseThrow());
            }
            // the open stream holds no place among the one request the server serves at once
            assertEquals(200, config.status(), config.body());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            try (StreamReader again = new StreamReader(stream, secret)) {
                status = again.response.statusCode();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status);
    }

    @Test
    void aStreamEndsWhenItsLifetimeIsOver() throws Exception {
        Widget.Issued widget = APP.widget("biz_a");
        JsonNode created = session(widget);
        URI uri = server.resolve("/api/v1/widgets/deposit-sessions/" + created.get("id").asString() + "/status-stream");

        HttpRequest request = HttpRequest.newBuilder(uri).header("X-Client-Secret", created.get("clientSecret").asString())
                .timeout(Duration.ofSeconds(20)).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> whole;
        Duration lasted;
        do {
            // the one place may still be held by a stream of another test whose reader left
            long started = System.nanoTime();
            whole = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            lasted = Duration.ofNanos(System.nanoTime() - started);
        } while (whole.statusCode() == 503 && System.nanoTime() < deadline);

        assertEquals(200, whole.statusCode());
        assertTrue(whole.body().startsWith("event: status\nid: 1\n"), whole.body());
        assertTrue(lasted.compareTo(Duration.ofMillis(1900)) >= 0 && lasted.compareTo(Duration.ofSeconds(10)) < 0,
                "lasted " + lasted);
    }

    private JsonNode session(Widget.Issued widget) {
        return http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json("{\"amount\":\"100\",\"currency\":\"USDC\",\"network\":\"polygon\","
                        + "\"currencyAddress\":\"\",\"depositAddress\":\"0xMerchant\"}").send().json();
    }
}
