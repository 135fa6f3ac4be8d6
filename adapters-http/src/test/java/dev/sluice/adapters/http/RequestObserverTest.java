package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What metrics hear about each request: the route template, never the path with its ids. */
@ServerTest
class RequestObserverTest {
    private static final TestApp APP = new TestApp();
    private static final BlockingQueue<Observed> OBSERVED = new LinkedBlockingQueue<>();

    private final Http http;

    RequestObserverTest(Http1Client client) {
        this.http = new Http(client);
    }

    record Observed(String method, String route, int status, Duration latency) {
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.apiBuilder()
                .requestObserver((method, route, status, latency) -> OBSERVED.add(new Observed(method, route, status,
                        latency)))
                .build()
                .register(routing);
    }

    private static Observed next() throws InterruptedException {
        // told once the response is sent, which may be just after the client has read it
        Observed observed = OBSERVED.poll(5, TimeUnit.SECONDS);
        assertNotNull(observed, "no request observed");
        return observed;
    }

    @Test
    void aServedRequestIsObservedByItsRouteTemplateAndStatus() throws InterruptedException {
        OBSERVED.clear();
        Widget.Issued widget = APP.widget("biz_a");

        http.get("/api/v1/widgets/" + widget.widget().id().value() + "/config").secret(widget.clientSecret()).send();
        http.get("/api/v1/widgets/" + widget.widget().id().value() + "/config").secret("wdgt_secret_wrong").send();

        assertEquals(new Observed("GET", "/api/v1/widgets/{widgetId}/config", 200, Duration.ZERO), withoutLatency(next()));
        assertEquals(new Observed("GET", "/api/v1/widgets/{widgetId}/config", 401, Duration.ZERO), withoutLatency(next()));
    }

    @Test
    void aRequestNoRouteTookIsObservedAsUnmatched() throws InterruptedException {
        OBSERVED.clear();

        http.get("/api/v1/no-such/thing_123").send();

        assertEquals(new Observed("GET", "unmatched", 404, Duration.ZERO), withoutLatency(next()));
    }

    private static Observed withoutLatency(Observed observed) {
        return new Observed(observed.method(), observed.route(), observed.status(), Duration.ZERO);
    }
}
