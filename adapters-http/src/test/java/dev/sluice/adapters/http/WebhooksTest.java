package dev.sluice.adapters.http;

import static dev.sluice.adapters.http.CreateSessionTest.violations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.webhook.WebhookDelivery;
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
class WebhooksTest {
    private static final TestApp APP = new TestApp();
    private static final String ENDPOINT = """
            {"url":"https://shop.example.com/hooks","description":"orders","events":["deposit.confirmed","deposit.expired"]}""";

    private final Http http;

    WebhooksTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private static String base(String business) {
        return "/api/v1/businesses/" + business + "/webhook-endpoints";
    }

    private Http.Reply post(String business, String path, String body) {
        Http.Call call = http.post(path).bearer(APP.tokens.business(business));
        return (body == null ? call : call.json(body)).send();
    }

    /** {@code query}: name, value, name, value… */
    private Http.Reply get(String business, String path, String... query) {
        Http.Call call = http.get(path).bearer(APP.tokens.business(business));
        for (int i = 0; i < query.length; i += 2) {
            call = call.query(query[i], query[i + 1]);
        }
        return call.send();
    }

    private JsonNode created(String business) {
        Http.Reply reply = post(business, base(business) + "/create-endpoint", ENDPOINT);
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void createReturnsTheEndpointAndItsSigningSecretOnce() {
        JsonNode endpoint = created("biz_wh_create");

        assertEquals(List.of("id", "businessId", "url", "description", "events", "enabled", "disabledReason",
                "createdAt", "updatedAt", "signingSecret"), new ArrayList<>(endpoint.propertyNames()));
        assertTrue(endpoint.get("id").asString().startsWith("wh_"));
        assertEquals("https://shop.example.com/hooks", endpoint.get("url").asString());
        assertEquals("[\"deposit.confirmed\",\"deposit.expired\"]", endpoint.get("events").toString());
        assertTrue(endpoint.get("enabled").asBoolean());
        assertTrue(endpoint.get("disabledReason").isNull());
        assertTrue(endpoint.get("signingSecret").asString().startsWith("whsec_"));

        JsonNode read = get("biz_wh_create", base("biz_wh_create") + "/" + endpoint.get("id").asString()).json();
        assertNull(read.get("signingSecret"), "the secret is never shown again");
        JsonNode list = get("biz_wh_create", base("biz_wh_create")).json();
        assertEquals(endpoint.get("id"), list.get("data").get(0).get("id"));
        assertNull(list.get("data").get(0).get("signingSecret"));
    }

    @Test
    void createReportsEveryBrokenRuleAtOnce() {
        Http.Reply reply = post("biz_wh_rules", base("biz_wh_rules") + "/create-endpoint", """
                {"url":"ftp://shop.example.com","description":"","events":["deposit.paid","deposit.created",
                 "deposit.created"],"colour":"red"}""");

        assertEquals(400, reply.status());
        assertEquals("validation_failed", reply.code());
        assertEquals(Set.of("url:invalid_format", "description:too_short", "events/0:invalid_value",
                "events/2:invalid_value", "colour:unknown_field"), violations(reply.json()));
    }

    @Test
    void urlsMustBeHttpsAndPublicAndEventsAreRequired() {
        Set<String> http = violations(post("biz_wh_url", base("biz_wh_url") + "/create-endpoint",
                "{\"url\":\"http://shop.example.com/h\",\"events\":[\"deposit.created\"]}").json());
        Set<String> privateHost = violations(post("biz_wh_url", base("biz_wh_url") + "/create-endpoint",
                "{\"url\":\"https://private.example/h\",\"events\":[\"deposit.created\"]}").json());
        Set<String> missing = violations(post("biz_wh_url", base("biz_wh_url") + "/create-endpoint",
                "{\"events\":[]}").json());
        Set<String> tooLong = violations(post("biz_wh_url", base("biz_wh_url") + "/create-endpoint",
                "{\"url\":\"https://shop.example.com/" + "a".repeat(2048) + "\",\"events\":[\"deposit.created\"]}")
                .json());

        assertEquals(Set.of("url:not_allowed"), http);
        assertEquals(Set.of("url:not_allowed"), privateHost);
        assertEquals(Set.of("url:required", "events:too_short"), missing);
        assertEquals(Set.of("url:too_long"), tooLong);
    }

    @Test
    void theEleventhEndpointIs409() {
        for (int i = 0; i < 10; i++) {
            created("biz_wh_full");
        }
        Http.Reply eleventh = post("biz_wh_full", base("biz_wh_full") + "/create-endpoint", ENDPOINT);

        assertEquals(409, eleventh.status());
        assertEquals("endpoint_limit_reached", eleventh.code());
        assertEquals("application/problem+json", eleventh.header("Content-Type"));
    }

    @Test
    void updateIsPartialAndEnablingClearsTheDisabledReason() {
        JsonNode endpoint = created("biz_wh_update");
        String id = endpoint.get("id").asString();
        APP.webhooks.disableAsGone(id);
        assertEquals("gone", get("biz_wh_update", base("biz_wh_update") + "/" + id).json()
                .get("disabledReason").asString());

        Http.Reply reply = post("biz_wh_update", base("biz_wh_update") + "/" + id + "/update-endpoint",
                "{\"enabled\":true,\"description\":null}");

        assertEquals(200, reply.status(), reply.body());
        JsonNode updated = reply.json();
        assertTrue(updated.get("enabled").asBoolean());
        assertTrue(updated.get("disabledReason").isNull());
        assertTrue(updated.get("description").isNull());
        assertEquals(endpoint.get("url"), updated.get("url"));
        assertEquals(endpoint.get("events"), updated.get("events"));
    }

    @Test
    void updateChecksWhatItChanges() {
        String id = created("biz_wh_bad_update").get("id").asString();

        Http.Reply reply = post("biz_wh_bad_update", base("biz_wh_bad_update") + "/" + id + "/update-endpoint",
                "{\"url\":null,\"events\":[\"deposit.nope\"],\"enabled\":\"yes\"}");

        assertEquals(400, reply.status());
        assertEquals(Set.of("url:required", "events/0:invalid_value", "enabled:invalid_type"),
                violations(reply.json()));
    }

    @Test
    void disablingByTheMerchantHasNoReasonOfSluices() {
        String id = created("biz_wh_off").get("id").asString();

        JsonNode off = post("biz_wh_off", base("biz_wh_off") + "/" + id + "/update-endpoint",
                "{\"enabled\":false}").json();

        assertFalse(off.get("enabled").asBoolean());
        assertTrue(off.get("disabledReason").isNull());
    }

    @Test
    void deleteRemovesTheEndpointAndItsWaitingDeliveries() {
        String id = created("biz_wh_delete").get("id").asString();
        APP.webhooks.add(id, "evt_0123456789abcdef0123456789abcdef", "deposit.confirmed", null, "{}", APP.clock.now());

        assertEquals(200, post("biz_wh_delete", base("biz_wh_delete") + "/" + id + "/delete-endpoint", null).status());

        assertEquals(404, get("biz_wh_delete", base("biz_wh_delete") + "/" + id).status());
        assertEquals(0, get("biz_wh_delete", "/api/v1/businesses/biz_wh_delete/webhook-deliveries").json()
                .get("data").size());
        assertEquals(404, post("biz_wh_delete", base("biz_wh_delete") + "/" + id + "/delete-endpoint", null).status());
    }

    @Test
    void rotateIssuesANewSecret() {
        JsonNode endpoint = created("biz_wh_rotate");

        Http.Reply reply = post("biz_wh_rotate",
                base("biz_wh_rotate") + "/" + endpoint.get("id").asString() + "/rotate-secret", null);

        assertEquals(200, reply.status());
        assertEquals(List.of("signingSecret"), new ArrayList<>(reply.json().propertyNames()));
        assertTrue(reply.json().get("signingSecret").asString().startsWith("whsec_"));
        assertNotEquals(endpoint.get("signingSecret"), reply.json().get("signingSecret"));
    }

    @Test
    void sendTestIs202WithTheDelivery() {
        String id = created("biz_wh_test").get("id").asString();

        Http.Reply reply = post("biz_wh_test", base("biz_wh_test") + "/" + id + "/send-test", null);

        assertEquals(202, reply.status(), reply.body());
        JsonNode delivery = reply.json();
        assertEquals(List.of("id", "endpointId", "eventId", "eventType", "sessionId", "status", "attempts",
                "requestUrl", "requestBody", "responseCode", "responseBody", "lastAttemptAt", "nextAttemptAt",
                "createdAt"), new ArrayList<>(delivery.propertyNames()));
        assertTrue(delivery.get("id").asString().startsWith("dly_"));
        assertEquals("webhook.test", delivery.get("eventType").asString());
        assertEquals("PENDING", delivery.get("status").asString());
        assertEquals(0, delivery.get("attempts").asInt());
        assertTrue(delivery.get("responseCode").isNull());
    }

    @Test
    void deliveriesListNewestFirstWithFiltersAndACursor() {
        String id = created("biz_wh_list").get("id").asString();
        String other = created("biz_wh_list").get("id").asString();
        WebhookDelivery first = APP.webhooks.add(id, "evt_00000000000000000000000000000001", "deposit.confirmed",
                "dep_00000000000000000000000000000001", "{}", APP.clock.now());
        WebhookDelivery second = APP.webhooks.add(id, "evt_00000000000000000000000000000002", "deposit.expired",
                "dep_00000000000000000000000000000002", "{}", APP.clock.now());
        APP.webhooks.add(other, "evt_00000000000000000000000000000003", "deposit.expired", null, "{}",
                APP.clock.now());
        String deliveries = "/api/v1/businesses/biz_wh_list/webhook-deliveries";

        JsonNode page = get("biz_wh_list", deliveries, "endpointId", id, "limit", "1").json();
        JsonNode next = get("biz_wh_list", deliveries, "endpointId", id, "startingAfter",
                page.get("data").get(0).get("id").asString()).json();
        JsonNode bySession = get("biz_wh_list", deliveries, "sessionId", first.sessionId()).json();

        assertEquals(second.id(), page.get("data").get(0).get("id").asString());
        assertTrue(page.get("hasMore").asBoolean());
        assertEquals(first.id(), next.get("data").get(0).get("id").asString());
        assertFalse(next.get("hasMore").asBoolean());
        assertEquals(1, bySession.get("data").size());
        assertEquals(3, get("biz_wh_list", deliveries, "status", "PENDING").json().get("data").size());
    }

    @Test
    void aBrokenQueryIs400WithEveryProblem() {
        Http.Reply reply = get("biz_wh_query", "/api/v1/businesses/biz_wh_query/webhook-deliveries",
                "status", "LOST", "limit", "500");

        assertEquals(400, reply.status(), reply.body());
        assertEquals(Set.of("status:invalid_value", "limit:above_maximum"), violations(reply.json()));
    }

    @Test
    void aDeliveryCanBeReadAndRedeliveredWithTheSameEvent() {
        String id = created("biz_wh_again").get("id").asString();
        WebhookDelivery delivery = APP.webhooks.add(id, "evt_00000000000000000000000000000009",
                "deposit.confirmed", "dep_00000000000000000000000000000009", "{\"x\":1}", APP.clock.now());
        String path = "/api/v1/businesses/biz_wh_again/webhook-deliveries/" + delivery.id();

        JsonNode read = get("biz_wh_again", path).json();
        Http.Reply again = post("biz_wh_again", path + "/redeliver", null);

        assertEquals("{\"x\":1}", read.get("requestBody").asString());
        assertEquals(202, again.status());
        assertNotEquals(delivery.id(), again.json().get("id").asString());
        assertEquals(delivery.eventId(), again.json().get("eventId").asString());
    }

    @Test
    void anotherBusinessGets404ForEveryEndpointAndDelivery() {
        String id = created("biz_wh_mine").get("id").asString();
        WebhookDelivery delivery = APP.webhooks.add(id, "evt_0000000000000000000000000000000a", "deposit.confirmed",
                null, "{}", APP.clock.now());
        String theirs = "biz_wh_theirs";
        String endpoint = base(theirs) + "/" + id;
        String deliveryPath = "/api/v1/businesses/" + theirs + "/webhook-deliveries/" + delivery.id();

        List<Http.Reply> replies = List.of(get(theirs, endpoint),
                post(theirs, endpoint + "/update-endpoint", "{\"enabled\":false}"),
                post(theirs, endpoint + "/delete-endpoint", null),
                post(theirs, endpoint + "/rotate-secret", null),
                post(theirs, endpoint + "/send-test", null),
                get(theirs, deliveryPath),
                post(theirs, deliveryPath + "/redeliver", null));

        for (Http.Reply reply : replies) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("not_found", reply.code());
        }
        assertEquals(0, get(theirs, base(theirs)).json().get("data").size());
        assertTrue(get("biz_wh_mine", base("biz_wh_mine") + "/" + id).json().get("enabled").asBoolean());
    }

    @Test
    void aMemberOfAnotherBusinessIs403AndNoCredentialIs401() {
        Http.Reply forbidden = http.get(base("biz_wh_a")).bearer(APP.tokens.business("biz_wh_b")).send();
        Http.Reply anonymous = http.post(base("biz_wh_a") + "/create-endpoint").json(ENDPOINT).send();

        assertEquals(403, forbidden.status());
        assertEquals("forbidden", forbidden.code());
        assertEquals(401, anonymous.status());
    }
}
