package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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

        assertEquals(200, reply.status());
        assertEquals("3.0.3", document.get("openapi").asString());
        assertEquals(served, documented);
    }

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        JsonNode document = new YAMLMapper().readTree(http.get("/openapi").send().body());

        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode responses = paths.get(path).get(method).get("responses");
                boolean open = paths.get(path).get(method).path("security").isArray()
                        && paths.get(path).get(method).get("security").isEmpty();
                if (!open) {
                    assertTrue(responses.has("401") && responses.has("500"), method + " " + path);
                }
            }
        }
    }
}
