package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.StoreBusyException;
import dev.sluice.application.port.out.StoreUnavailableException;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** How failures the use cases do not decide look on the wire: unknown routes, outages, bugs. */
@ServerTest
class ProblemsTest {
    private static final TestApp APP = new TestApp();

    private final Http http;

    ProblemsTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.apiBuilder()
                .getWidget((caller, business, widget) -> {
                    throw new StoreUnavailableException("connection refused", new SQLException("connect failed"));
                })
                .listWidgets((caller, business) -> {
                    throw new IllegalStateException("SELECT secret FROM widgets failed");
                })
                .deleteWidget((caller, business, widget) -> {
                    throw new StackOverflowError();
                })
                .rotateWidgetSecret((caller, business, widget) -> {
                    throw new ConcurrentChangeException("lock wait timeout on widgets");
                })
                .createWidget((caller, business, draft, violations) -> {
                    throw new StoreBusyException("4096 writes are waiting for the database already");
                })
                .build()
                .register(routing);
    }

    @Test
    void anUnknownRouteIsAJson404() {
        Http.Reply reply = http.get("/api/v1/nothing/here").send();

        assertEquals(404, reply.status());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        assertEquals("not_found", reply.code());
        assertTrue(reply.header("X-Request-Id").startsWith("req_"));
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() {
        Http.Reply reply = http.method(Method.DELETE, "/api/v1/businesses/biz_a/widgets").send();

        assertEquals(405, reply.status());
        assertEquals("method_not_allowed", reply.code());
        assertEquals("GET", reply.header("Allow"));
    }

    @Test
    void anUnreachableStoreIs503() {
        Http.Reply reply = http.get("/api/v1/businesses/biz_a/widgets/wdgt_00000000000000000000000000000000")
                .bearer(APP.tokens.business("biz_a")).send();

        assertEquals(503, reply.status());
        assertEquals("service_unavailable", reply.code());
    }

    @Test
    void aRecordBusyWithAConcurrentChangeIs503WithRetryAfter() {
        Http.Reply reply = http.post("/api/v1/businesses/biz_a/widgets/wdgt_00000000000000000000000000000000/rotate-secret")
                .bearer(APP.tokens.business("biz_a")).send();

        assertEquals(503, reply.status());
        assertEquals("service_unavailable", reply.code());
        assertEquals("1", reply.header("Retry-After"));
        assertFalse(reply.body().contains("lock wait"), reply.body());
    }

    @Test
    void aStoreWithTooManyWritesWaitingIs503WithRetryAfter() {
        Http.Reply reply = http.post("/api/v1/businesses/biz_a/widgets/create-widget")
                .bearer(APP.tokens.business("biz_a")).json("{\"name\":\"Shop\",\"mode\":\"CUSTOMER_AMOUNT\"}").send();

        assertEquals(503, reply.status());
        assertEquals("service_unavailable", reply.code());
        assertEquals("1", reply.header("Retry-After"));
        assertFalse(reply.body().contains("4096"), reply.body());
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        Http.Reply reply = http.get("/api/v1/businesses/biz_a/widgets").bearer(APP.tokens.business("biz_a")).send();

        assertEquals(500, reply.status());
        assertEquals("internal_error", reply.code());
        assertFalse(reply.body().contains("SELECT"), reply.body());
        assertFalse(reply.body().contains("Exception"), reply.body());
    }

    @Test
    void anErrorSuchAsAStackOverflowIsAProblemDocumentAndOneLogLine() {
        Logger logger = Logger.getLogger(Problems.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            Http.Reply reply = http.post("/api/v1/businesses/biz_a/widgets/wdgt_00000000000000000000000000000000/delete-widget")
                    .bearer(APP.tokens.business("biz_a")).send();

            assertEquals(500, reply.status());
            assertEquals("application/problem+json", reply.header("Content-Type"));
            assertEquals("internal_error", reply.code());
            String requestId = reply.header("X-Request-Id");
            assertEquals(requestId, reply.json().get("requestId").asString());
            assertEquals(1, records.size(), records::toString);
            assertNull(records.get(0).getThrown(), "one line, not a stack trace");
            assertTrue(records.get(0).getMessage().contains(requestId), records.get(0).getMessage());
        } finally {
            logger.removeHandler(capture);
        }
    }
}
