package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetField;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@ServerTest
class CreateSessionTest {
    private static final TestApp APP = new TestApp();
    private static final String BODY = """
            {"amount":"100.50","currency":"USDC","network":"polygon","currencyAddress":"0x2791",
             "depositAddress":"0xMerchant","customerEmail":"c@example.com","customerReference":"order_12345",
             "metadata":{"orderId":"A1"}}""";

    private final Http http;

    CreateSessionTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private static String path(Widget widget) {
        return "/api/v1/widgets/" + widget.id().value() + "/create-session";
    }

    @Test
    void widgetSecretCreatesASessionWithTheSeedsExactBody() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret()).json(BODY).send();

        assertEquals(201, reply.status(), reply.body());
        assertEquals("application/json; charset=UTF-8", reply.header("Content-Type"));
        JsonNode body = reply.json();
        assertEquals(List.of("id", "widgetId", "paymentStatus", "amount", "currency", "network", "currencyAddress",
                "depositAddress", "customerEmail", "customerReference", "metadata", "createdAt", "expiresAt",
                "testMode", "clientSecret"), new ArrayList<>(body.propertyNames()));
        assertFalse(body.get("testMode").asBoolean());
        assertEquals("/api/v1/widgets/deposit-sessions/" + body.get("id").asString(), reply.header("Location"));
        assertEquals(widget.widget().id().value(), body.get("widgetId").asString());
        assertEquals("CREATED", body.get("paymentStatus").asString());
        assertEquals("100.50", body.get("amount").asString());
        assertEquals("{\"orderId\":\"A1\"}", body.get("metadata").toString());
        assertTrue(body.get("clientSecret").asString().startsWith("dep_secret_"));
        assertTrue(body.get("createdAt").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        Instant created = Instant.parse(body.get("createdAt").asString());
        assertEquals(created.plus(TestApp.SESSION_TTL), Instant.parse(body.get("expiresAt").asString()));
        assertTrue(reply.header("X-Request-Id").startsWith("req_"));
    }

    @Test
    void aSessionExpiresAfterItsWidgetsSessionTtl() {
        Widget.Issued widget = APP.widget("biz_a", draft -> draft.set(WidgetField.SESSION_TTL, "PT5M"));

        JsonNode body = http.post(path(widget.widget())).secret(widget.clientSecret()).json(BODY).send().json();

        Instant created = Instant.parse(body.get("createdAt").asString());
        assertEquals(created.plus(Duration.ofMinutes(5)), Instant.parse(body.get("expiresAt").asString()));
    }

    @Test
    void optionalFieldsLeftOutAreNull() {
        Widget.Issued widget = APP.widget("biz_a");

        JsonNode body = http.post(path(widget.widget())).secret(widget.clientSecret()).json("""
                {"amount":"10","currency":"USDC","network":"polygon","currencyAddress":"","depositAddress":"0xM",
                 "customerEmail":null}""").send().json();

        assertTrue(body.get("customerEmail").isNull());
        assertTrue(body.get("customerReference").isNull());
        assertTrue(body.get("metadata").isNull());
        assertEquals("", body.get("currencyAddress").asString());
    }

    @Test
    void theOwningBusinessesTokenCreatesToo() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).bearer(APP.tokens.business("biz_a")).json(BODY).send();

        assertEquals(201, reply.status(), reply.body());
    }

    @Test
    void noCredentialIs401WithABearerChallenge() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).json(BODY).send();

        assertEquals(401, reply.status());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
        JsonNode problem = reply.json();
        assertEquals("/problems/unauthorized", problem.get("type").asString());
        assertEquals("Unauthorized", problem.get("title").asString());
        assertEquals(401, problem.get("status").asInt());
        assertEquals("unauthorized", problem.get("code").asString());
        assertEquals(reply.header("X-Request-Id"), problem.get("requestId").asString());
    }

    @Test
    void aWrongWidgetSecretIs401() {
        Widget.Issued widget = APP.widget("biz_a");
        Widget.Issued other = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(other.clientSecret()).json(BODY).send();

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.code());
    }

    @Test
    void anUnknownWidgetIs404EvenWithABrokenBody() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post("/api/v1/widgets/wdgt_00000000000000000000000000000000/create-session")
                .secret(widget.clientSecret()).json("{\"amount\":5}").send();

        assertEquals(404, reply.status());
        assertEquals("not_found", reply.code());
    }

    @Test
    void anotherBusinessesTokenSeesNoWidget() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).bearer(APP.tokens.business("biz_b")).json(BODY).send();

        assertEquals(404, reply.status());
        assertEquals("not_found", reply.code());
    }

    @Test
    void aDisabledWidgetIs409() {
        Widget.Issued widget = APP.widget("biz_a");
        APP.disable(widget.widget());

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret()).json(BODY).send();

        assertEquals(409, reply.status());
        assertEquals("widget_disabled", reply.code());
    }

    @Test
    void aBrowserOnAnotherDomainIsRefusedAndCannotReadTheAnswer() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com"));

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Origin", "https://evil.example.net").json(BODY).send();

        assertEquals(403, reply.status());
        assertEquals("domain_not_allowed", reply.code());
        assertNull(reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void aBrowserOnAnAllowedDomainCreatesAndMayReadTheAnswer() {
        Widget.Issued widget = APP.widget("biz_a", List.of("*.example.com"));

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Origin", "https://shop.example.com").json(BODY).send();

        assertEquals(201, reply.status(), reply.body());
        assertEquals("https://shop.example.com", reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void everyBodyViolationIsReportedAtOnce() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret()).json("""
                {"amount":100,"currency":"usdc","network":"polygon","depositAddress":"0xM",
                 "metadata":[1],"colour":"red"}""").send();

        assertEquals(400, reply.status());
        JsonNode problem = reply.json();
        assertEquals("validation_failed", problem.get("code").asString());
        assertEquals(Set.of("amount:invalid_type", "currency:invalid_format", "currencyAddress:required",
                "metadata:invalid_type", "colour:unknown_field"), violations(problem));
        assertEquals(problem.get("errors").size() + " fields are invalid", problem.get("detail").asString());
    }

    @Test
    void malformedJsonIsAValidationFailure() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret()).json("{\"amount\":").send();

        assertEquals(400, reply.status());
        assertTrue(violations(reply.json()).contains("body:malformed_json"), reply.body());
    }

    @Test
    void aDuplicatedFieldIsMalformed() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret())
                .json("{\"amount\":\"10\",\"amount\":\"20\"}").send();

        assertEquals(400, reply.status());
        assertTrue(violations(reply.json()).contains("body:malformed_json"), reply.body());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRepeatsTheAnswerByteForByte() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply first = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Idempotency-Key", "order-1 try").json(BODY).send();
        String sessionId = first.json().get("id").asString();
        http.post("/api/v1/widgets/deposit-sessions/" + sessionId + "/cancel-session")
                .secret(first.json().get("clientSecret").asString()).send();
        Http.Reply retry = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Idempotency-Key", "order-1 try").json(BODY).send();

        assertEquals(201, retry.status());
        assertEquals(first.body(), retry.body());
        assertEquals(first.header("Location"), retry.header("Location"));
    }

    @Test
    void anIdempotencyKeyReusedForAnotherBodyIs409() {
        Widget.Issued widget = APP.widget("biz_a");
        http.post(path(widget.widget())).secret(widget.clientSecret()).header("Idempotency-Key", "k1").json(BODY).send();

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Idempotency-Key", "k1").json(BODY.replace("100.50", "100.51")).send();

        assertEquals(409, reply.status());
        assertEquals("idempotency_key_reused", reply.code());
    }

    @Test
    void aMalformedIdempotencyKeyIsAFieldViolation() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Idempotency-Key", "x".repeat(256)).json(BODY).send();

        assertEquals(400, reply.status());
        assertEquals(Set.of("Idempotency-Key:invalid_format"), violations(reply.json()));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("Content-Type", "text/plain").raw(BODY).send();

        assertEquals(415, reply.status());
        assertEquals("unsupported_media_type", reply.code());
    }

    @Test
    void aBodyOver16KiBIs413() {
        Widget.Issued widget = APP.widget("biz_a");
        String big = BODY.replace("order_12345", "x".repeat(JsonIo.MAX_BODY_BYTES));

        Http.Reply reply = http.post(path(widget.widget())).secret(widget.clientSecret()).json(big).send();

        assertEquals(413, reply.status());
        assertEquals("payload_too_large", reply.code());
    }

    @Test
    void aValidIncomingRequestIdIsEchoedAndAnInvalidOneReplaced() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply echoed = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("X-Request-Id", "trace-42").json(BODY).send();
        Http.Reply replaced = http.post(path(widget.widget())).secret(widget.clientSecret())
                .header("X-Request-Id", "bad id with spaces").json(BODY).send();

        assertEquals("trace-42", echoed.header("X-Request-Id"));
        assertNotEquals("bad id with spaces", replaced.header("X-Request-Id"));
        assertTrue(replaced.header("X-Request-Id").startsWith("req_"));
    }

    static Set<String> violations(JsonNode problem) {
        Set<String> found = new java.util.HashSet<>();
        problem.get("errors").forEach(e -> found.add(e.get("field").asString() + ":" + e.get("code").asString()));
        return found;
    }
}
