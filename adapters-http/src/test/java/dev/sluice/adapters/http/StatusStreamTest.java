package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The status stream: the session at once, each change as it commits, and who may listen. */
@ServerTest
class StatusStreamTest {
    private static final TestApp APP = new TestApp();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BODY = "{\"amount\":\"100\",\"currency\":\"USDC\",\"network\":\"polygon\","
            + "\"currencyAddress\":\"\",\"depositAddress\":\"0xMerchant\"}";

    private final Http http;
    private final URI server;

    StatusStreamTest(Http1Client client, URI server) {
        this.http = new Http(client);
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    record Session(String id, String secret, Widget.Issued widget) {
    }

    private Session session() {
        Widget.Issued widget = APP.widget("biz_a");
        JsonNode created = http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json(BODY).send().json();
        return new Session(created.get("id").asString(), created.get("clientSecret").asString(), widget);
    }

    private StreamReader stream(Session session, Map<String, String> headers) throws Exception {
        return new StreamReader(server.resolve("/api/v1/widgets/deposit-sessions/" + session.id() + "/status-stream"),
                headers);
    }

    private void observe(Session session, String kind, String extra) {
        Http.Reply reply = http.post("/api/v1/deposit-sessions/" + session.id() + "/observations")
                .bearer(APP.tokens.processor())
                .json("{\"observationId\":\"obs_" + session.id() + kind + "\",\"kind\":\"" + kind
                        + "\",\"txId\":\"0xabc\"" + extra + "}").send();
        assertEquals(200, reply.status(), reply.body());
    }

    private static JsonNode data(List<String> event) {
        return JsonIo.MAPPER.readTree(event.get(2).substring("data: ".length()));
    }

    @Test
    void theSessionComesAtOnceAsTheSessionSecretSeesIt() throws Exception {
        Session session = session();

        try (StreamReader reader = stream(session, Map.of("X-Client-Secret", session.secret()))) {
            List<String> first = reader.next(WAIT);

            assertEquals(200, reader.response.statusCode());
            assertEquals("text/event-stream; charset=UTF-8", reader.response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(List.of("event: status", "id: 1"), first.subList(0, 2));
            assertEquals("CREATED", data(first).get("paymentStatus").asString());
            assertFalse(data(first).has("widgetId"), "the public view");
        }
    }

    @Test
    void eachCommittedChangeFollowsOnTheOpenStream() throws Exception {
        Session session = session();

        try (StreamReader reader = stream(session, Map.of("X-Client-Secret", session.secret()))) {
            reader.next(WAIT);
            observe(session, "DETECTED", "");
            List<String> pending = reader.next(WAIT);
            observe(session, "CONFIRMED", ",\"amountReceived\":\"100\"");
            List<String> confirmed = reader.next(WAIT);

            assertEquals("id: 2", pending.get(1));
            assertEquals("PENDING", data(pending).get("paymentStatus").asString());
            assertEquals("id: 3", confirmed.get(1));
            assertEquals("CONFIRMED", data(confirmed).get("paymentStatus").asString());
        }
    }

    @Test
    void aReaderThatHasTheLatestStateGetsNoRepeatOnlyWhatFollows() throws Exception {
        Session session = session();

        try (StreamReader reader = stream(session, Map.of("X-Client-Secret", session.secret(), "Last-Event-ID", "1"))) {
            List<String> opening = reader.next(WAIT);
            observe(session, "DETECTED", "");
            List<String> next = reader.next(WAIT);

            assertTrue(opening.stream().allMatch(line -> line.startsWith(":")), opening.toString());
            assertEquals("id: 2", next.get(1));
        }
    }

    @Test
    void theOwningBusinessSeesTheFullView() throws Exception {
        Session session = session();

        try (StreamReader reader = stream(session, Map.of("Authorization", "Bearer " + APP.tokens.business("biz_a")))) {
            assertEquals(session.widget().widget().id().value(), data(reader.next(WAIT)).get("widgetId").asString());
        }
    }

    @Test
    void aWrongSecretIsRefusedBeforeAnyEvent() throws Exception {
        Session session = session();
        Session other = session();

        try (StreamReader reader = stream(session, Map.of("X-Client-Secret", other.secret()))) {
            assertEquals(401, reader.response.statusCode());
            assertTrue(reader.response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        }
        assertEquals("not_found", http.get("/api/v1/widgets/deposit-sessions/dep_00000000000000000000000000000000/status-stream")
                .bearer(APP.tokens.business("biz_a")).send().code());
    }

    @Test
    void aQuietStreamGetsOnlyCommentsAndAChangeOfAnotherSessionIsNotSentHere() throws Exception {
        Session watched = session();
        Session other = session();

        try (StreamReader reader = stream(watched, Map.of("X-Client-Secret", watched.secret()))) {
            reader.next(WAIT);
            observe(other, "DETECTED", "");
            List<String> quiet = reader.linesFor(Duration.ofMillis(1500));

            assertTrue(quiet.contains(":"), "heartbeats: " + quiet);
            assertTrue(quiet.stream().allMatch(line -> line.isEmpty() || line.startsWith(":")), quiet.toString());
        }
    }
}
