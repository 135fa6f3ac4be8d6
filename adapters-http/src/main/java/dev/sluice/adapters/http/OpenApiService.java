package dev.sluice.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi}: the contract as OpenAPI 3 (YAML, the document as written). */
final class OpenApiService implements HttpService {
    static final String RESOURCE = "openapi.yaml";
    private static final String YAML = "application/vnd.oai.openapi; charset=UTF-8";

    private final Endpoints endpoints;
    private final byte[] document;

    OpenApiService(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.document = load();
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, "/openapi", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, YAML);
        res.send(document);
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
