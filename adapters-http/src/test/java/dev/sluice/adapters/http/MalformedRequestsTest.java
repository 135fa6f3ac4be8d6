package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** What a careless or hostile client sends: every answer is a 4xx problem document, never a 500. */
@ServerTest
class MalformedRequestsTest {
    private static final TestApp APP = new TestApp();
    private static final String BODY = """
            {"amount":"100.50","currency":"USDC","network":"polygon","currencyAddress":"",
             "depositAddress":"0xMerchant"}""";

    private final Http http;
    private final int port;

    MalformedRequestsTest(Http1Client client, WebServer server) {
        this.http = new Http(client);
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.directHandlers(APP.api.directHandlers());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private static String createSession(Widget widget) {
        return "/api/v1/widgets/" + widget.id().value() + "/create-session";
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs415() throws IOException {
        Widget.Issued widget = APP.widget("biz_ct");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        RawReply reply = raw("POST " + createSession(widget.widget()) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Client-Secret: " + widget.clientSecret() + "\r\nContent-Type: %%%\r\nContent-Length: "
                + body.length + "\r\n\r\n" + BODY);

        assertEquals(415, reply.status(), reply.toString());
        assertEquals(Problems.PROBLEM_JSON, reply.headers().get("content-type"));
        assertEquals("unsupported_media_type", JsonIo.MAPPER.readTree(reply.body()).get("code").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPLICATION/JSON", "Application/Json; Charset=UTF-8", "application/json;charset=\"utf-8\""})
    void mediaTypesCompareCaseInsensitively(String contentType) {
        Widget.Issued widget = APP.widget("biz_ci");

        Http.Reply reply = http.post(createSession(widget.widget())).secret(widget.clientSecret())
                .header("Content-Type", contentType).raw(BODY).send();

        assertEquals(201, reply.status(), reply.body());
    }

    @Test
    void withoutAValidCredentialTheBodyIsNotLookedAt() {
        Widget.Issued widget = APP.widget("biz_auth");
        String big = "{\"pad\":\"" + "x".repeat(20 * 1024) + "\"}";
        String path = createSession(widget.widget());

        assertEquals(401, http.post(path).json(big).send().status(), "no credential, oversized body");
        assertEquals(401, http.post(path).header("Content-Type", "text/plain").raw("hello").send().status(),
                "no credential, text body");
        assertEquals(401, http.post(path).secret("wdgt_secret_wrong").json(big).send().status(),
                "wrong secret, oversized body");
        assertEquals(401, http.post(path).secret("wdgt_secret_wrong").header("Content-Type", "text/plain")
                .raw("hello").send().status(), "wrong secret, text body");
        assertEquals(401, http.post("/api/v1/businesses/biz_auth/widgets/create-widget").json(big).send().status(),
                "no token, oversized body");
        assertEquals(413, http.post(path).secret(widget.clientSecret()).json(big).send().status(),
                "the right secret reaches the body check");
        assertEquals(415, http.post(path).secret(widget.clientSecret()).header("Content-Type", "text/plain")
                .raw("hello").send().status());
    }

    @Test
    void aRequestIdThatIsASecretIsNeverEchoed() {
        for (String secretLike : List.of("wdgt_secret_0123456789abcdef", "dep_secret_abc", "whsec_abc",
                "WDGT_SECRET_abc")) {
            Http.Reply reply = http.get("/api/v1/nothing").header("X-Request-Id", secretLike).send();
            assertNotEquals(secretLike, reply.header("X-Request-Id"));
            assertTrue(reply.header("X-Request-Id").startsWith("req_"), reply.header("X-Request-Id"));
            assertFalse(reply.body().contains(secretLike), reply.body());
        }
        assertEquals("corr-123", http.get("/api/v1/nothing").header("X-Request-Id", "corr-123").send()
                .header("X-Request-Id"));
    }

    @Test
    void metadataNumbersKeepEveryDigitAndTheSchemaSeesThemAsSent() {
        String token = APP.tokens.business("biz_num");
        JsonNode created = http.post("/api/v1/businesses/biz_num/widgets/create-widget").bearer(token)
                .json("""
                        {"name":"Numbers","mode":"CUSTOMER_AMOUNT","minAmount":"1","maxAmount":"1000",
                         "metadataSchema":{"properties":{"atMostOne":{"maximum":1}}}}""").send().json();
        String path = "/api/v1/widgets/" + created.get("id").asString() + "/create-session";
        String secret = created.get("clientSecret").asString();

        Http.Reply exact = http.post(path).secret(secret).json(BODY.replace("}",
                ",\"metadata\":{\"tiny\":1.00000000000000000001,\"huge\":1e400,\"zeros\":2.50}}")).send();
        assertEquals(201, exact.status(), exact.body());
        JsonNode metadata = exact.json().get("metadata");
        assertTrue(exact.body().contains("1.00000000000000000001"), exact.body());
        assertEquals(0, new BigDecimal("1e400").compareTo(metadata.get("huge").decimalValue()), exact.body());
        assertTrue(exact.body().contains("2.50"), exact.body());

        Http.Reply justOverOne = http.post(path).secret(secret).json(BODY.replace("}",
                ",\"metadata\":{\"atMostOne\":1.00000000000000000001}}")).send();
        assertEquals(400, justOverOne.status(), justOverOne.body());
        assertEquals("metadata/atMostOne", justOverOne.json().at("/errors/0/field").asString());
        assertEquals("schema_mismatch", justOverOne.json().at("/errors/0/code").asString());
    }

    @Test
    void aHostileSchemaIsRefusedAtTheWidgetWithUnsupportedSchema() {
        String token = APP.tokens.business("biz_schema");
        Http.Reply reply = http.post("/api/v1/businesses/biz_schema/widgets/create-widget").bearer(token)
                .json("""
                        {"name":"Loops","mode":"CUSTOMER_AMOUNT","minAmount":"1","maxAmount":"1000",
                         "metadataSchema":{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},
                                           "$ref":"#/$defs/a"}}""").send();

        assertEquals(400, reply.status(), reply.body());
        assertEquals("metadataSchema", reply.json().at("/errors/0/field").asString());
        assertEquals("unsupported_schema", reply.json().at("/errors/0/code").asString());
    }

    @Test
    void headersTooLargeForTheServerGetAProblemDocument() throws IOException {
        RawReply reply = raw("GET /api/v1/widgets/x/config HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20 * 1024) + "\r\n\r\n");

        assertProblem(reply);
    }

    @Test
    void aUriTooLongForTheServerGetsAProblemDocument() throws IOException {
        RawReply reply = raw("GET /api/v1/widgets/" + "a".repeat(8 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(reply);
    }

    @Test
    void aControlCharacterInAHeaderGetsAProblemDocument() throws IOException {
        RawReply reply = raw("GET /api/v1/widgets/x/config HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n\r\n");

        assertProblem(reply);
    }

    private static void assertProblem(RawReply reply) {
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
        assertEquals(Problems.PROBLEM_JSON, reply.headers().get("content-type"), reply.toString());
        assertTrue(reply.headers().getOrDefault("x-request-id", "").startsWith("req_"), reply.toString());
        JsonNode body = JsonIo.MAPPER.readTree(reply.body());
        assertEquals(reply.status(), body.get("status").asInt(), reply.body());
        assertEquals(reply.headers().get("x-request-id"), body.get("requestId").asString());
    }

    record RawReply(int status, Map<String, String> headers, String body) {
    }

    /** Bytes the Helidon client would refuse to send: written on a plain socket. */
    private RawReply raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.substring(0, head.length() - 4);
            }
        }
        return head.toString();
    }
}
