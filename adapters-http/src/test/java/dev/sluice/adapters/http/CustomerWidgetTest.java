package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** widget.js, the hosted payment page and its headers, and the embedder's origin check. */
@ServerTest
class CustomerWidgetTest {
    private static final TestApp APP = new TestApp();
    private static final String BODY = "{\"amount\":\"100\",\"currency\":\"USDC\",\"network\":\"polygon\","
            + "\"currencyAddress\":\"\",\"depositAddress\":\"0xMerchant\"}";

    private final Http http;

    CustomerWidgetTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private static String id(Widget.Issued widget) {
        return widget.widget().id().value();
    }

    @Test
    void widgetScriptOpensThePageOnSluicesPublicOriginOnly() {
        Http.Reply reply = http.get("/widget.js").send();

        assertEquals(200, reply.status());
        assertEquals("application/javascript; charset=UTF-8", reply.header("Content-Type"));
        assertTrue(reply.body().contains("var SLUICE_ORIGIN = \"" + TestApp.PUBLIC_URL + "\";"), reply.body());
        assertFalse(reply.body().contains("__SLUICE_ORIGIN__"));
        assertTrue(reply.header("Cache-Control").startsWith("public"));
    }

    @Test
    void thePaymentPageMayBeFramedByTheAllowedDomainsOnAnyPortAndScheme() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com", "*.example.org"));

        Http.Reply reply = http.get("/pay/" + id(widget)).send();

        assertEquals(200, reply.status());
        assertEquals("text/html; charset=UTF-8", reply.header("Content-Type"));
        String policy = reply.header("Content-Security-Policy");
        assertTrue(policy.endsWith("frame-ancestors https://shop.example.com:* http://shop.example.com:*"
                + " https://*.example.org:* http://*.example.org:*"), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("nonce-") || policy.contains("sha256-"), policy);
        assertEquals("no-store", reply.header("Cache-Control"));
    }

    @Test
    void aWidgetThatAllowsEveryOriginMayBeFramedAnywhere() {
        Http.Reply reply = http.get("/pay/" + id(APP.widget("biz_a"))).send();

        assertTrue(reply.header("Content-Security-Policy").endsWith("frame-ancestors *"));
    }

    @Test
    void anUnknownOrDeletedWidgetHasNoPage() {
        assertEquals("not_found", http.get("/pay/wdgt_0000000000000000000000000000000").send().code());
    }

    @Test
    void thePagesCarryNoInlineScriptAndLoadOnlyTheirOwnFiles() {
        String page = http.get("/pay/" + id(APP.widget("biz_a"))).send().body();

        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)", Pattern.CASE_INSENSITIVE).matcher(page).find(), page);
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page).find(), page);
        assertFalse(page.contains("//"), "no absolute or protocol-relative URL: " + page);
        assertEquals(200, http.get("/pay/assets/pay.js").send().status());
        assertEquals("text/css; charset=UTF-8", http.get("/pay/assets/pay.css").send().header("Content-Type"));
        assertEquals(404, http.get("/pay/assets/widget.js").send().status());
    }

    @Test
    void theQrCodeOfAnAddressIsAnSvgAndAnythingElseIsRefused() {
        Http.Reply qr = http.get("/pay/qr.svg").query("text", "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174").send();
        Http.Reply spaced = http.get("/pay/qr.svg").query("text", "not an address").send();

        assertEquals("image/svg+xml", qr.header("Content-Type"));
        assertTrue(qr.body().startsWith("<svg") && qr.body().contains("<path d=\"M"), qr.body());
        assertEquals(400, spaced.status());
        assertEquals("text", spaced.json().get("errors").get(0).get("field").asString());
        assertEquals(400, http.get("/pay/qr.svg").query("text", "x".repeat(129)).send().status());
    }

    @Test
    void theDemoPageIsServedOnlyWhenAskedFor() {
        assertEquals(404, http.get("/demo").send().status());
    }

    @Test
    void theHostedPageIsJudgedByTheOriginOfThePageThatEmbedsIt() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com"));
        String config = "/api/v1/widgets/" + id(widget) + "/config";

        Http.Reply allowed = http.get(config).secret(widget.clientSecret()).header("Origin", TestApp.PUBLIC_URL)
                .header("X-Sluice-Embedder-Origin", "https://shop.example.com:8443").send();
        // a same-origin GET carries no Origin at all
        Http.Reply refused = http.get(config).secret(widget.clientSecret())
                .header("X-Sluice-Embedder-Origin", "http://127.0.0.1:8080").send();
        Http.Reply create = http.post("/api/v1/widgets/" + id(widget) + "/create-session").secret(widget.clientSecret())
                .header("Origin", TestApp.PUBLIC_URL).header("X-Sluice-Embedder-Origin", "https://evil.example.net")
                .json(BODY).send();

        assertEquals("Shop", allowed.json().get("config").get("name").asString());
        assertEquals("domain_not_allowed", refused.json().get("reason").asString());
        assertEquals(403, create.status());
        assertEquals("domain_not_allowed", create.code());
    }

    @Test
    void anotherSiteCannotSpeakForAnAllowedOneThroughTheEmbedderHeader() {
        Widget.Issued widget = APP.widget("biz_a", List.of("shop.example.com"));

        Http.Reply reply = http.post("/api/v1/widgets/" + id(widget) + "/create-session").secret(widget.clientSecret())
                .header("Origin", "https://evil.example.net")
                .header("X-Sluice-Embedder-Origin", "https://shop.example.com").json(BODY).send();

        assertEquals(403, reply.status());
        assertEquals("domain_not_allowed", reply.code());
    }
}
