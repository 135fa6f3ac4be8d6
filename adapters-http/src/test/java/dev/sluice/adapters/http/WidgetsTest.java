package dev.sluice.adapters.http;

import static dev.sluice.adapters.http.CreateSessionTest.violations;
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
class WidgetsTest {
    private static final TestApp APP = new TestApp();
    private static final String WIDGET = """
            {"name":"Shop","mode":"CUSTOMER_AMOUNT","minAmount":"10","maxAmount":"1000",
             "allowedCurrencies":["USDC"],"allowedDomains":["shop.example.com"],
             "metadataSchema":{"type":"object"},"color":"#112233FF"}""";

    private final Http http;

    WidgetsTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private Http.Reply create(String business, String body) {
        return http.post("/api/v1/businesses/" + business + "/widgets/create-widget")
                .bearer(APP.tokens.business(business)).json(body).send();
    }

    @Test
    void createReturnsTheWidgetAndItsSecretOnce() {
        Http.Reply reply = create("biz_create", WIDGET);

        assertEquals(201, reply.status(), reply.body());
        JsonNode widget = reply.json();
        assertEquals(List.of("id", "businessId", "name", "mode", "minAmount", "maxAmount", "allowedNetworks",
                "allowedCurrencies", "allowedDepositAddresses", "allowedDomains", "allowedMethods", "successUrl",
                "cancelUrl", "iconUrl", "defaultCurrency", "defaultCurrencyAddress", "defaultNetwork",
                "defaultDepositAddress", "metadataSchema", "renderMode", "color", "emoji", "sessionTtl",
                "paymentTolerancePercent", "testMode", "enabled", "createdAt", "updatedAt", "clientSecret"),
                new ArrayList<>(widget.propertyNames()));
        assertTrue(widget.get("id").asString().startsWith("wdgt_"));
        assertEquals("biz_create", widget.get("businessId").asString());
        assertEquals("10", widget.get("minAmount").asString());
        assertEquals("{\"type\":\"object\"}", widget.get("metadataSchema").toString());
        assertEquals("IFRAME", widget.get("renderMode").asString());
        assertTrue(widget.get("enabled").asBoolean());
        assertTrue(widget.get("clientSecret").asString().startsWith("wdgt_secret_"));

        JsonNode read = http.get("/api/v1/businesses/biz_create/widgets/" + widget.get("id").asString())
                .bearer(APP.tokens.business("biz_create")).send().json();
        assertTrue(read.get("clientSecret") == null, "the secret is never shown again");
    }

    @Test
    void theSessionLifetimeToleranceAndTestModeAreStoredAndReturned() {
        Http.Reply defaults = create("biz_fields", WIDGET);
        assertEquals(List.of("PT30M", "0", "false"), List.of(defaults.json().get("sessionTtl").asString(),
                defaults.json().get("paymentTolerancePercent").asString(),
                defaults.json().get("testMode").toString()));

        Http.Reply set = create("biz_fields", WIDGET.replace("\"name\":\"Shop\"",
                "\"name\":\"Shop\",\"sessionTtl\":\"PT2H\",\"paymentTolerancePercent\":\"2.5\",\"testMode\":true"));
        assertEquals(201, set.status(), set.body());
        String id = set.json().get("id").asString();
        JsonNode read = http.get("/api/v1/businesses/biz_fields/widgets/" + id)
                .bearer(APP.tokens.business("biz_fields")).send().json();
        assertEquals(List.of("PT2H", "2.5", "true"), List.of(read.get("sessionTtl").asString(),
                read.get("paymentTolerancePercent").asString(), read.get("testMode").toString()));

        JsonNode updated = http.post("/api/v1/businesses/biz_fields/widgets/" + id + "/update-widget")
                .bearer(APP.tokens.business("biz_fields")).json("{\"sessionTtl\":\"PT10M\",\"testMode\":null}")
                .send().json();
        assertEquals(List.of("PT10M", "2.5", "false"), List.of(updated.get("sessionTtl").asString(),
                updated.get("paymentTolerancePercent").asString(), updated.get("testMode").toString()));
    }

    @Test
    void theNewFieldsAreCheckedLikeTheOthers() {
        Http.Reply reply = create("biz_fields", WIDGET.replace("\"name\":\"Shop\"",
                "\"name\":\"Shop\",\"sessionTtl\":\"PT1M\",\"paymentTolerancePercent\":\"51\",\"testMode\":\"yes\""));

        assertEquals(400, reply.status());
        assertEquals(Set.of("sessionTtl:below_minimum", "paymentTolerancePercent:above_maximum",
                "testMode:invalid_type"), violations(reply.json()));
    }

    @Test
    void createReportsEveryViolation() {
        Http.Reply reply = create("biz_create", """
                {"mode":"SOMETIMES","minAmount":10,"allowedNetworks":"polygon","flavour":"x"}""");

        assertEquals(400, reply.status());
        Set<String> found = violations(reply.json());
        assertTrue(found.containsAll(Set.of("minAmount:invalid_type", "allowedNetworks:invalid_type",
                "flavour:unknown_field", "name:required")), found.toString());
    }

    @Test
    void theEleventhLiveWidgetIs409() {
        for (int i = 0; i < 10; i++) {
            assertEquals(201, create("biz_full", WIDGET).status());
        }

        Http.Reply reply = create("biz_full", WIDGET);

        assertEquals(409, reply.status());
        assertEquals("widget_limit_reached", reply.code());
    }

    @Test
    void aNonMemberIsForbidden() {
        Http.Reply reply = http.post("/api/v1/businesses/biz_a/widgets/create-widget")
                .bearer(APP.tokens.business("biz_b")).json(WIDGET).send();

        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.code());
    }

    @Test
    void aClientSecretOpensNoBusinessEndpoint() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.get("/api/v1/businesses/biz_a/widgets").secret(widget.clientSecret()).send();

        assertEquals(401, reply.status());
    }

    @Test
    void listShowsTheLiveWidgetsOfTheBusinessOnly() {
        Widget.Issued mine = APP.widget("biz_list");
        Widget.Issued deleted = APP.widget("biz_list");
        APP.widget("biz_other");
        http.post("/api/v1/businesses/biz_list/widgets/" + deleted.widget().id().value() + "/delete-widget")
                .bearer(APP.tokens.business("biz_list")).send();

        JsonNode body = http.get("/api/v1/businesses/biz_list/widgets").bearer(APP.tokens.business("biz_list"))
                .send().json();

        assertEquals(1, body.get("data").size());
        assertEquals(mine.widget().id().value(), body.get("data").get(0).get("id").asString());
    }

    @Test
    void anotherTenantsWidgetIsNotFoundOnEveryWidgetPath() {
        Widget.Issued theirs = APP.widget("biz_b");
        String base = "/api/v1/businesses/biz_a/widgets/" + theirs.widget().id().value();
        String token = APP.tokens.business("biz_a");

        List<Http.Reply> replies = List.of(
                http.get(base).bearer(token).send(),
                http.post(base + "/update-widget").bearer(token).json("{\"name\":\"Mine now\"}").send(),
                http.post(base + "/delete-widget").bearer(token).send(),
                http.post(base + "/rotate-secret").bearer(token).send());

        replies.forEach(r -> assertEquals(404, r.status(), r.body()));
        replies.forEach(r -> assertEquals("not_found", r.code()));
    }

    @Test
    void updateIsPartialNullClearsAndEnabledToggles() {
        Widget.Issued created = APP.widget("biz_upd");
        String path = "/api/v1/businesses/biz_upd/widgets/" + created.widget().id().value();
        String token = APP.tokens.business("biz_upd");
        http.post(path + "/update-widget").bearer(token).json("{\"emoji\":\"🦊\"}").send();

        Http.Reply reply = http.post(path + "/update-widget").bearer(token)
                .json("{\"name\":\"Renamed\",\"emoji\":null,\"enabled\":false}").send();

        assertEquals(200, reply.status(), reply.body());
        JsonNode widget = reply.json();
        assertEquals("Renamed", widget.get("name").asString());
        assertTrue(widget.get("emoji").isNull());
        assertEquals("10", widget.get("minAmount").asString(), "absent fields keep their value");
        assertEquals(false, widget.get("enabled").asBoolean());
    }

    @Test
    void updateRefusesANullEnabledAndWrongTypes() {
        Widget.Issued created = APP.widget("biz_upd");
        String path = "/api/v1/businesses/biz_upd/widgets/" + created.widget().id().value() + "/update-widget";

        Http.Reply reply = http.post(path).bearer(APP.tokens.business("biz_upd"))
                .json("{\"enabled\":null,\"allowedDomains\":[1]}").send();

        assertEquals(400, reply.status());
        assertEquals(Set.of("enabled:invalid_type", "allowedDomains:invalid_type"), violations(reply.json()));
    }

    @Test
    void deleteAnswers200WithAnEmptyBodyAndTheWidgetIsGone() {
        Widget.Issued created = APP.widget("biz_del");
        String path = "/api/v1/businesses/biz_del/widgets/" + created.widget().id().value();
        String token = APP.tokens.business("biz_del");

        Http.Reply deleted = http.post(path + "/delete-widget").bearer(token).send();

        assertEquals(200, deleted.status());
        assertEquals("", deleted.body());
        assertEquals(404, http.get(path).bearer(token).send().status());
    }

    @Test
    void rotateIssuesANewSecretAndTheOldOneStopsWorking() {
        Widget.Issued created = APP.widget("biz_rot");
        String config = "/api/v1/widgets/" + created.widget().id().value() + "/config";

        Http.Reply rotated = http.post("/api/v1/businesses/biz_rot/widgets/" + created.widget().id().value()
                + "/rotate-secret").bearer(APP.tokens.business("biz_rot")).send();

        assertEquals(200, rotated.status());
        String fresh = rotated.json().get("clientSecret").asString();
        assertTrue(fresh.startsWith("wdgt_secret_"));
        assertEquals(401, http.get(config).secret(created.clientSecret()).send().status());
        assertEquals(200, http.get(config).secret(fresh).send().status());
    }
}
