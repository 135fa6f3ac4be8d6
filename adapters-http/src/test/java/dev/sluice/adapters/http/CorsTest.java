package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The widget's public config and what a browser on some origin may do with the widget endpoints. */
@ServerTest
class CorsTest {
    private static final TestApp APP = new TestApp();

    private final Http http;

    CorsTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private static String config(Widget.Issued widget) {
        return "/api/v1/widgets/" + widget.widget().id().value() + "/config";
    }

    @Test
    void theConfigShowsThePublicFieldsOnly() {
        Widget.Issued widget = APP.widget("biz_a");

        Http.Reply reply = http.get(config(widget)).secret(widget.clientSecret()).send();

        assertEquals(200, reply.status(), reply.body());
        JsonNode config = reply.json().get("config");
        assertEquals(List.of("name", "mode", "minAmount", "maxAmount", "allowedNetworks", "allowedCurrencies",
                "allowedDepositAddresses", "allowedMethods", "successUrl", "cancelUrl", "iconUrl", "defaultCurrency",
                "defaultCurrencyAddress", "defaultNetwork", "defaultDepositAddress", "metadataSchema", "renderMode",
                "color", "emoji", "sessionTtl", "testMode", "allowAllOrigins", "allowAllMethods"),
                new ArrayList<>(config.propertyNames()));
        assertEquals("PT30M", config.get("sessionTtl").asString());
        assertEquals(false, config.get("testMode").asBoolean());
        assertTrue(config.get("allowAllOrigins").asBoolean());
        assertTrue(reply.json().get("reason").isNull());
    }

    @Test
    void aDisabledWidgetsConfigIsWithheldWithAReason() {
        Widget.Issued widget = APP.widget("biz_a");
        APP.disable(widget.widget());

        JsonNode body = http.get(config(widget)).secret(widget.clientSecret()).send().json();

        assertTrue(body.get("config").isNull());
        assertEquals("widget_disabled", body.get("reason").asString());
    }

    @Test
    void aForeignOriginReadsTheReasonItIsRefused() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com"));

        Http.Reply reply = http.get(config(widget)).secret(widget.clientSecret())
                .header("Origin", "https://evil.example.net").send();

        assertEquals(200, reply.status());
        assertEquals("domain_not_allowed", reply.json().get("reason").asString());
        assertEquals("https://evil.example.net", reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anAllowedOriginGetsTheConfigAndCorsHeaders() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com"));

        Http.Reply reply = http.get(config(widget)).secret(widget.clientSecret())
                .header("Origin", "https://shop.example.com:8443").send();

        assertEquals("Shop", reply.json().get("config").get("name").asString());
        assertEquals(false, reply.json().get("config").get("allowAllOrigins").asBoolean());
        assertEquals("https://shop.example.com:8443", reply.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", reply.header("Vary"));
        assertTrue(reply.header("Access-Control-Expose-Headers").contains("X-Request-Id"));
    }

    @Test
    void aPreflightIsAnsweredWithoutCredentials() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com"));

        Http.Reply reply = http.method(Method.OPTIONS, "/api/v1/widgets/" + widget.widget().id().value()
                        + "/create-session")
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-client-secret").send();

        assertEquals(204, reply.status());
        assertEquals("https://shop.example.com", reply.header("Access-Control-Allow-Origin"));
        assertTrue(reply.header("Access-Control-Allow-Headers").contains("X-Client-Secret"));
        assertTrue(reply.header("Access-Control-Allow-Methods").contains("POST"));
    }

    @Test
    void businessEndpointsAreNotOfferedToBrowsers() {
        Http.Reply reply = http.get("/api/v1/businesses/biz_a/widgets").bearer(APP.tokens.business("biz_a"))
                .header("Origin", "https://shop.example.com").send();

        assertEquals(200, reply.status());
        assertNull(reply.header("Access-Control-Allow-Origin"));
    }
}
