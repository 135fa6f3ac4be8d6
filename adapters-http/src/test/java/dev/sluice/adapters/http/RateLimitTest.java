package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ServerTest
class RateLimitTest {
    private static final TestApp APP = new TestApp(3);

    private final Http http;

    RateLimitTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private int config(Widget.Issued widget) {
        return http.get("/api/v1/widgets/" + widget.widget().id().value() + "/config")
                .secret(widget.clientSecret()).send().status();
    }

    @Test
    void aSecretForAnIdThatCannotExistIs404AndNeverRateLimited() {
        for (String id : java.util.List.of("not-a-widget", "wdgt_123", "dep_xyz", "biz_a")) {
            for (int i = 0; i < 5; i++) {
                Http.Reply reply = http.get("/api/v1/widgets/" + id + "/config").secret("wdgt_secret_x").send();
                assertEquals(404, reply.status(), id + ": " + reply.body());
            }
        }
    }

    @Test
    void secretCallsBeyondTheLimitAre429UntilTheBucketRefills() {
        Widget.Issued widget = APP.widget("biz_a");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, config(widget));
        }

        Http.Reply limited = http.get("/api/v1/widgets/" + widget.widget().id().value() + "/config")
                .secret(widget.clientSecret()).send();
        APP.clock.advance(Duration.ofSeconds(20));

        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.code());
        assertEquals("20", limited.header("Retry-After"));
        assertEquals(200, config(widget));
    }

    @Test
    void eachWidgetHasItsOwnBucket() {
        Widget.Issued busy = APP.widget("biz_a");
        Widget.Issued quiet = APP.widget("biz_a");
        for (int i = 0; i < 4; i++) {
            config(busy);
        }

        assertEquals(200, config(quiet));
    }

    @Test
    void jwtCallersAreNotLimited() {
        Widget.Issued widget = APP.widget("biz_a");
        String token = APP.tokens.business("biz_a");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.get("/api/v1/widgets/" + widget.widget().id().value() + "/config").bearer(token)
                    .send().status());
        }
    }
}
