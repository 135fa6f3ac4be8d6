package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import dev.sluice.testsupport.OpenApiContract;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

@ServerTest
class OpenApiTest {
    private static final TestApp APP = new TestApp();

    private final Http http;

    OpenApiTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    @Test
    void theDocumentDescribesExactlyTheRoutesServed() {
        Http.Reply reply = http.get("/openapi").send();
        JsonNode document = new YAMLMapper().readTree(reply.body());

        Set<String> documented = new TreeSet<>();
        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> served = APP.api.endpoints().stream().map(e -> e.method().text() + " " + e.path())
                .collect(Collectors.toCollection(TreeSet::new));
        // the observe endpoints (health, metrics) are Helidon's, added by bootstrap beside this API
        documented.removeIf(route -> route.startsWith("GET /observe/"));

        assertEquals(200, reply.status());
        assertEquals("application/vnd.oai.openapi; charset=UTF-8", reply.header("Content-Type"));
        assertEquals("3.1.0", document.get("openapi").asString());
        assertEquals(served, documented);
    }

    @Test
    void jsonIsServedForAcceptJsonAndAtOpenapiJson() {
        JsonNode yaml = new YAMLMapper().readTree(http.get("/openapi").send().body());

        Http.Reply negotiated = http.get("/openapi").header("Accept", "application/json").send();
        Http.Reply fixed = http.get("/openapi.json").send();

        assertEquals("application/json; charset=UTF-8", negotiated.header("Content-Type"));
        assertEquals(yaml, negotiated.json());
        assertEquals("application/json; charset=UTF-8", fixed.header("Content-Type"));
        assertEquals(yaml, fixed.json());
    }

    @Test
    void everyApiOperationDocumentsItsErrorsAsProblems() {
        JsonNode document = OpenApiContract.sluice().document();

        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode responses = paths.get(path).get(method).get("responses");
                if (path.startsWith("/api/")) {
                    assertTrue(responses.has("401") && responses.has("500") && responses.has("503"),
                            method + " " + path);
                }
            }
        }
    }

    @Test
    void everySchemaExampleValidatesAgainstItsSchema() {
        OpenApiContract contract = OpenApiContract.sluice();
        JsonNode schemas = contract.document().get("components").get("schemas");
        List<String> failures = new ArrayList<>();
        for (String name : schemas.propertyNames()) {
            JsonNode examples = schemas.get(name).get("examples");
            assertTrue(examples != null && !examples.isEmpty(), name + " has no examples");
            for (JsonNode example : examples) {
                contract.validate("#/components/schemas/" + name, example)
                        .forEach(problem -> failures.add(name + ": " + problem));
            }
        }
        assertEquals(List.of(), failures);
    }

    /** What the tests' validator is for: a response field renamed in code but not in the document fails. */
    @Test
    void aResponseFieldRenamedInCodeOnlyFailsTheValidator() {
        Widget.Issued widget = APP.widget("biz_openapi");
        Http.Reply reply = http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret())
                .json("""
                        {"amount":"100.50","currency":"USDC","network":"polygon","currencyAddress":"0x2791",
                         "depositAddress":"0xMerchant"}""")
                .send();
        assertEquals(201, reply.status(), reply.body());
        ObjectNode renamed = (ObjectNode) reply.json();
        renamed.set("status", renamed.remove("paymentStatus"));

        List<String> asSent = OpenApiContract.sluice().check(exchange(widget, reply, reply.body()));
        List<String> withRenamedField = OpenApiContract.sluice().check(exchange(widget, reply, renamed.toString()));

        assertEquals(List.of(), asSent);
        assertTrue(withRenamedField.stream().anyMatch(p -> p.contains("paymentStatus")), withRenamedField.toString());
        assertTrue(withRenamedField.stream().anyMatch(p -> p.contains("status") && p.contains("not defined")),
                withRenamedField.toString());
    }

    @Test
    void anUndocumentedWidgetFieldFailsTheValidator() {
        Http.Reply reply = http.post("/api/v1/businesses/biz_openapi/widgets/create-widget")
                .bearer(APP.tokens.business("biz_openapi"))
                .json("{\"name\":\"Shop\",\"mode\":\"CUSTOMER_AMOUNT\"}")
                .send();
        assertEquals(201, reply.status(), reply.body());
        ObjectNode extended = (ObjectNode) reply.json();
        extended.put("secretHint", "wdgt_secret_…");

        List<String> problems = OpenApiContract.sluice().check(new OpenApiContract.Exchange("POST",
                "/api/v1/businesses/biz_openapi/widgets/create-widget", name -> Optional.empty(), null, 201,
                name -> Optional.ofNullable(reply.header(name)), extended.toString()));

        assertTrue(problems.stream().anyMatch(p -> p.contains("secretHint")), problems.toString());
    }

    private static OpenApiContract.Exchange exchange(Widget.Issued widget, Http.Reply reply, String body) {
        return new OpenApiContract.Exchange("POST", "/api/v1/widgets/" + widget.widget().id().value()
                + "/create-session", name -> Optional.empty(), null, reply.status(),
                name -> Optional.ofNullable(reply.header(name)), body);
    }
}
