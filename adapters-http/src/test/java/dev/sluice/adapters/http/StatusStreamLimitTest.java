package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.domain.widget.Widget;
import io.helidon.common.concurrency.limits.FixedLimit;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SLUICE_MAX_STREAMS, and streams that never hold a place among the requests served at once. */
@ServerTest
class StatusStreamLimitTest {
    private static final TestApp APP = new TestApp(0, 1,
            FixedLimit.builder().permits(1).queueLength(0).build());
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
        JsonNode created = http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json("{\"amount\":\"100\",\"currency\":\"USDC\",\"network\":\"polygon\","
                        + "\"currencyAddress\":\"\",\"depositAddress\":\"0xMerchant\"}").send().json();
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
}
