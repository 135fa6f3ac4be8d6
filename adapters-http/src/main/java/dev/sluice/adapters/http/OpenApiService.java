package dev.sluice.adapters.http;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code GET /openapi}: the contract as OpenAPI 3.1, YAML as written, or JSON when the request's
 * {@code Accept} prefers {@code application/json}; {@code GET /openapi.json} is always JSON.
 */
final class OpenApiService implements HttpService {
    static final String RESOURCE = "openapi.yaml";
    private static final MediaType YAML = MediaTypes.create("application", "vnd.oai.openapi");
    private static final String YAML_CONTENT_TYPE = "application/vnd.oai.openapi; charset=UTF-8";

    private final Endpoints endpoints;
    private final byte[] yaml;
    /** Converted on first use: most instances are never asked for JSON, and YAML parsing costs start-up time. */
    private volatile byte[] json;

    OpenApiService(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.yaml = load();
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, "/openapi", this::serve);
        endpoints.get(rules, "/openapi.json", (req, res) -> sendJson(res));
    }

    private void serve(ServerRequest req, ServerResponse res) {
        boolean wantsJson = req.headers().bestAccepted(YAML, MediaTypes.APPLICATION_JSON)
                .map(MediaTypes.APPLICATION_JSON::equals).orElse(false);
        if (wantsJson) {
            sendJson(res);
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, YAML_CONTENT_TYPE);
        res.send(yaml);
    }

    private void sendJson(ServerResponse res) {
        byte[] body = json;
        if (body == null) {
            body = JsonIo.MAPPER.writeValueAsBytes(new YAMLMapper().readTree(yaml));
            json = body;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, JsonIo.JSON);
        res.send(body);
    }

    static byte[] load() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
