package dev.sluice.adapters.http;

import dev.sluice.testsupport.OpenApiContract;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A terse test client: build a request, get status, headers and body back. Every response is held
 * against the OpenAPI document ({@link OpenApiContract}) before the test sees it, so no test can
 * pass on a response the document does not describe.
 */
final class Http {
    private final Http1Client client;

    Http(Http1Client client) {
        this.client = client;
    }

    Call get(String path) {
        return method(Method.GET, path);
    }

    Call post(String path) {
        return method(Method.POST, path);
    }

    Call method(Method method, String path) {
        return new Call(client.method(method).path(path), method, path);
    }

    static final class Call {
        private final Http1ClientRequest request;
        private final Method method;
        private final String path;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private String body;

        private Call(Http1ClientRequest request, Method method, String path) {
            this.request = request;
            this.method = method;
            this.path = path;
        }

        Call header(String name, String value) {
            request.header(HeaderNames.create(name), value);
            headers.put(name, value);
            return this;
        }

        Call query(String name, String value) {
            request.queryParam(name, value);
            return this;
        }

        Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Call secret(String secret) {
            return header("X-Client-Secret", secret);
        }

        Call json(String json) {
            this.body = json;
            return header("Content-Type", "application/json");
        }

        /** A body sent as it is, with whatever Content-Type the test set. */
        Call raw(String raw) {
            this.body = raw;
            return this;
        }

        Reply send() {
            Reply reply;
            try (Http1ClientResponse response = body == null ? request.request() : request.submit(body)) {
                String text = response.entity().hasEntity() ? response.as(String.class) : "";
                reply = new Reply(response.status().code(), response.headers(), text);
            }
            OpenApiContract.sluice().assertConforms(new OpenApiContract.Exchange(method.text().toUpperCase(Locale.ROOT),
                    path, name -> Optional.ofNullable(headers.get(name)), body, reply.status(),
                    name -> Optional.ofNullable(reply.header(name)), reply.body()));
            return reply;
        }
    }

    record Reply(int status, io.helidon.http.ClientResponseHeaders headers, String body) {
        JsonNode json() {
            return JsonIo.MAPPER.readTree(body);
        }

        String header(String name) {
            return headers.first(HeaderNames.create(name)).orElse(null);
        }

        String code() {
            return json().path("code").asString();
        }
    }
}
