package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@ServerTest
class SessionsTest {
    private static final TestApp APP = new TestApp();
    private static final String BODY = """
            {"amount":"25","currency":"USDC","network":"polygon","currencyAddress":"0xC","depositAddress":"0xD",
             "customerEmail":"c@example.com","metadata":{"orderId":"A1"}}""";

    private final Http http;

    SessionsTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    /** A created session: its id and client secret. */
    private record Session(String id, String secret, Widget.Issued widget) {
        String path() {
            return "/api/v1/widgets/deposit-sessions/" + id;
        }
    }

    private Session session(String business) {
        Widget.Issued widget = APP.widget(business);
        JsonNode created = http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json(BODY).send().json();
        return new Session(created.get("id").asString(), created.get("clientSecret").asString(), widget);
    }

    @Test
    void theSessionSecretSeesThePublicView() {
        Session session = session("biz_a");

        Http.Reply reply = http.get(session.path()).secret(session.secret()).send();

        assertEquals(200, reply.status(), reply.body());
        assertEquals(List.of("id", "paymentStatus", "amount", "currency", "network", "currencyAddress",
                "depositAddress", "txId", "expiresAt", "confirmedAt", "amountReceived", "amountDue", "payments",
                "latePayment", "testMode"),
                new ArrayList<>(reply.json().propertyNames()));
        assertEquals("CREATED", reply.json().get("paymentStatus").asString());
        assertTrue(reply.json().get("txId").isNull());
    }

    @Test
    void aBrowserWithTheSessionSecretMustBeOnAnOriginTheWidgetAllows() {
        Widget.Issued widget = APP.widget("biz_origin", List.of("shop.example.com"));
        JsonNode created = http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json(BODY).send().json();
        Session session = new Session(created.get("id").asString(), created.get("clientSecret").asString(), widget);

        Http.Reply elsewhere = http.get(session.path()).secret(session.secret())
                .header("Origin", "https://evil.example.net").send();
        Http.Reply cancelElsewhere = http.post(session.path() + "/cancel-session").secret(session.secret())
                .header("Origin", "https://evil.example.net").send();
        Http.Reply allowed = http.get(session.path()).secret(session.secret())
                .header("Origin", "https://shop.example.com").send();

        assertEquals(403, elsewhere.status(), elsewhere.body());
        assertEquals("domain_not_allowed", elsewhere.code());
        assertEquals(null, elsewhere.header("Access-Control-Allow-Origin"));
        assertEquals(403, cancelElsewhere.status(), cancelElsewhere.body());
        assertEquals(200, allowed.status(), allowed.body());
        assertEquals("CREATED", allowed.json().get("paymentStatus").asString(), "the refused cancel changed nothing");
        assertEquals(200, http.get(session.path()).secret(session.secret()).send().status(), "a server call has no Origin");
    }

    @Test
    void theOwningBusinessSeesTheFullView() {
        Session session = session("biz_a");

        JsonNode body = http.get(session.path()).bearer(APP.tokens.business("biz_a")).send().json();

        assertEquals(List.of("id", "paymentStatus", "amount", "currency", "network", "currencyAddress",
                "depositAddress", "txId", "expiresAt", "confirmedAt", "amountReceived", "amountDue", "payments",
                "latePayment", "testMode", "widgetId", "createdAt", "customerEmail", "customerReference", "metadata", "cancelledAt"),
                new ArrayList<>(body.propertyNames()));
        assertEquals("c@example.com", body.get("customerEmail").asString());
        assertEquals("{\"orderId\":\"A1\"}", body.get("metadata").toString());
    }

    @Test
    void aSessionPastItsExpiryIsNeverShownCreated() {
        Session session = session("biz_exp");
        APP.clock.advance(TestApp.SESSION_TTL.plus(Duration.ofSeconds(1)));

        JsonNode body = http.get(session.path()).secret(session.secret()).send().json();

        assertEquals("EXPIRED", body.get("paymentStatus").asString());
    }

    @Test
    void cancelThenCancelAgainIsCannotCancel() {
        Session session = session("biz_a");

        Http.Reply first = http.post(session.path() + "/cancel-session").secret(session.secret()).send();
        Http.Reply second = http.post(session.path() + "/cancel-session").secret(session.secret()).send();

        assertEquals(200, first.status(), first.body());
        assertEquals("{\"status\":\"cancelled\"}", first.body());
        assertEquals(400, second.status());
        assertEquals("cannot_cancel", second.code());
        JsonNode view = http.get(session.path()).bearer(APP.tokens.business("biz_a")).send().json();
        assertEquals("EXPIRED", view.get("paymentStatus").asString());
        assertTrue(view.get("cancelledAt").isString());
    }

    @Test
    void aWidgetSecretOpensNoSessionEndpoint() {
        Session session = session("biz_a");

        assertEquals(401, http.get(session.path()).secret(session.widget().clientSecret()).send().status());
        assertEquals(401, http.post(session.path() + "/cancel-session").secret(session.widget().clientSecret())
                .send().status());
    }

    @Test
    void aSessionSecretOpensNoWidgetEndpoint() {
        Session session = session("biz_a");
        String widget = "/api/v1/widgets/" + session.widget().widget().id().value();

        assertEquals(401, http.get(widget + "/config").secret(session.secret()).send().status());
        assertEquals(401, http.post(widget + "/create-session").secret(session.secret()).json(BODY).send().status());
    }

    @Test
    void anotherSessionsSecretIs401() {
        Session mine = session("biz_a");
        Session other = session("biz_a");

        assertEquals(401, http.get(mine.path()).secret(other.secret()).send().status());
    }

    @Test
    void anotherTenantSeesNoSession() {
        Session session = session("biz_a");
        String token = APP.tokens.business("biz_b");

        List<Http.Reply> replies = List.of(
                http.get(session.path()).bearer(token).send(),
                http.post(session.path() + "/cancel-session").bearer(token).send(),
                http.get("/api/v1/widgets/" + session.widget().widget().id().value() + "/deposit-sessions")
                        .bearer(token).send(),
                http.get("/api/v1/widgets/" + session.widget().widget().id().value() + "/config")
                        .bearer(token).send());

        replies.forEach(r -> assertEquals(404, r.status(), r.body()));
    }

    @Test
    void anUnknownSessionIs404() {
        Http.Reply reply = http.get("/api/v1/widgets/deposit-sessions/dep_00000000000000000000000000000000")
                .bearer(APP.tokens.business("biz_a")).send();

        assertEquals(404, reply.status());
        assertEquals("not_found", reply.code());
    }

    @Test
    void listPagesNewestFirstWithACursor() {
        Session first = session("biz_list");
        Widget.Issued widget = first.widget();
        String create = "/api/v1/widgets/" + widget.widget().id().value() + "/create-session";
        APP.clock.advance(Duration.ofMillis(5));
        String second = http.post(create).secret(widget.clientSecret()).json(BODY).send().json().get("id").asString();
        APP.clock.advance(Duration.ofMillis(5));
        String third = http.post(create).secret(widget.clientSecret()).json(BODY).send().json().get("id").asString();
        String list = "/api/v1/widgets/" + widget.widget().id().value() + "/deposit-sessions";
        String token = APP.tokens.business("biz_list");

        JsonNode page1 = http.get(list).query("limit", "2").bearer(token).send().json();
        JsonNode page2 = http.get(list).query("limit", "2").query("startingAfter", second).bearer(token).send().json();

        assertEquals(List.of(third, second), ids(page1));
        assertTrue(page1.get("hasMore").asBoolean());
        assertEquals(List.of(first.id()), ids(page2));
        assertEquals(false, page2.get("hasMore").asBoolean());
        assertTrue(page1.get("data").get(0).has("customerEmail"), "the business sees full views");
    }

    @Test
    void listRefusesABadQueryAndASecret() {
        Session session = session("biz_a");
        String list = "/api/v1/widgets/" + session.widget().widget().id().value() + "/deposit-sessions";

        Http.Reply bad = http.get(list).query("limit", "500").query("status", "LOST").bearer(APP.tokens.business("biz_a")).send();
        Http.Reply secret = http.get(list).secret(session.widget().clientSecret()).send();

        assertEquals(400, bad.status());
        assertEquals(java.util.Set.of("limit:above_maximum", "status:invalid_value"),
                CreateSessionTest.violations(bad.json()));
        assertEquals(401, secret.status());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(s -> ids.add(s.get("id").asString()));
        return ids;
    }
}
