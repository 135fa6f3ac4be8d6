package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@ServerTest
class ObservationsAndEventsTest {
    private static final TestApp APP = new TestApp();

    private final Http http;

    ObservationsAndEventsTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private String session(String business) {
        Widget.Issued widget = APP.widget(business);
        return http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json("""
                        {"amount":"100","currency":"USDC","network":"polygon","currencyAddress":"",
                         "depositAddress":"0xD","customerReference":"order_1"}""").send().json().get("id").asString();
    }

    private Http.Call observe(String sessionId) {
        return http.post("/api/v1/deposit-sessions/" + sessionId + "/observations");
    }

    @Test
    void aDetectionThenAConfirmationMoveTheSession() {
        String id = session("biz_obs");

        Http.Reply detected = observe(id).bearer(APP.tokens.processor())
                .json("{\"observationId\":\"obs_1\",\"kind\":\"DETECTED\",\"txId\":\"0xT\",\"confirmations\":0}").send();
        Http.Reply confirmed = observe(id).bearer(APP.tokens.processor()).json("""
                {"observationId":"obs_2","kind":"CONFIRMED","txId":"0xT","amountReceived":"100.0",
                 "confirmations":12,"observedAt":"2026-06-09T12:30:00.000Z"}""").send();

        assertEquals(200, detected.status(), detected.body());
        assertEquals("PENDING", detected.json().get("paymentStatus").asString());
        assertEquals("0xT", detected.json().get("txId").asString());
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals("CONFIRMED", confirmed.json().get("paymentStatus").asString());
        assertEquals("100.0", confirmed.json().get("amountReceived").asString());
        assertTrue(confirmed.json().has("customerReference"), "the processor gets the full session");
    }

    @Test
    void aRepeatedObservationIsANoOpAndAForbiddenOneIs409() {
        String id = session("biz_obs");
        String fail = "{\"observationId\":\"obs_f\",\"kind\":\"FAILED\"}";
        observe(id).bearer(APP.tokens.processor()).json("""
                {"observationId":"obs_c","kind":"CONFIRMED","txId":"0xT","amountReceived":"100"}""").send();

        Http.Reply repeat = observe(id).bearer(APP.tokens.processor()).json("""
                {"observationId":"obs_c","kind":"CONFIRMED","txId":"0xT","amountReceived":"100"}""").send();
        Http.Reply forbidden = observe(id).bearer(APP.tokens.processor()).json(fail).send();

        assertEquals(200, repeat.status());
        assertEquals(409, forbidden.status(), forbidden.body());
        assertEquals("invalid_transition", forbidden.code());
    }

    @Test
    void observationBodiesAreCheckedStrictly() {
        String id = session("biz_obs");

        Http.Reply reply = observe(id).bearer(APP.tokens.processor())
                .json("{\"kind\":\"DETECTED\",\"confirmations\":1.5,\"amountReceived\":100,\"extra\":true}").send();

        assertEquals(400, reply.status());
        Set<String> found = CreateSessionTest.violations(reply.json());
        assertTrue(found.containsAll(Set.of("confirmations:invalid_type", "amountReceived:invalid_type",
                "extra:unknown_field", "observationId:required")), found.toString());
    }

    @Test
    void onlyAProcessorMayObserve() {
        String id = session("biz_obs");
        String body = "{\"observationId\":\"obs_x\",\"kind\":\"DETECTED\",\"txId\":\"0xT\"}";

        assertEquals(403, observe(id).bearer(APP.tokens.business("biz_obs")).json(body).send().status());
        assertEquals(401, observe(id).secret("dep_secret_x").json(body).send().status());
        assertEquals(401, observe(id).json(body).send().status());
        assertEquals(404, observe("dep_00000000000000000000000000000000").bearer(APP.tokens.processor()).json(body)
                .send().status());
    }

    @Test
    void theEventsFeedServesCloudEventsInOrder() {
        String id = session("biz_feed");
        observe(id).bearer(APP.tokens.processor())
                .json("{\"observationId\":\"obs_feed\",\"kind\":\"DETECTED\",\"txId\":\"0xT\"}").send();
        String token = APP.tokens.business("biz_feed");

        JsonNode page = http.get("/api/v1/businesses/biz_feed/events").query("limit", "1").bearer(token).send().json();
        JsonNode first = page.get("data").get(0);
        JsonNode rest = http.get("/api/v1/businesses/biz_feed/events").query("after", first.get("id").asString())
                .bearer(token).send().json();

        assertTrue(page.get("hasMore").asBoolean());
        assertEquals(List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"),
                new ArrayList<>(first.propertyNames()));
        assertEquals("1.0", first.get("specversion").asString());
        assertEquals("deposit.created", first.get("type").asString());
        assertEquals(id, first.get("subject").asString());
        assertTrue(first.get("source").asString().startsWith("/widgets/wdgt_"));
        assertEquals(List.of("sessionId", "widgetId", "businessId", "sequence", "status", "previousStatus", "amount",
                "amountReceived", "currency", "network", "currencyAddress", "depositAddress", "txId", "customerEmail",
                "customerReference", "metadata", "latePayment", "cancelled", "expiresAt", "confirmedAt", "amountDue",
                "payments", "testMode"),
                new ArrayList<>(first.get("data").propertyNames()));
        assertEquals(1, first.get("data").get("sequence").asInt());
        assertTrue(first.get("data").get("previousStatus").isNull());
        JsonNode second = rest.get("data").get(0);
        assertEquals("deposit.pending", second.get("type").asString());
        assertEquals(2, second.get("data").get("sequence").asInt());
        assertEquals("CREATED", second.get("data").get("previousStatus").asString());
        assertEquals(false, rest.get("hasMore").asBoolean());
    }

    @Test
    void anotherBusinessesFeedIsForbidden() {
        Http.Reply reply = http.get("/api/v1/businesses/biz_feed/events").bearer(APP.tokens.business("biz_x")).send();

        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.code());
    }
}
