package dev.sluice.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import tools.jackson.databind.JsonNode;

/** A terse test client: build a request, get status, headers and body back. */
final class Http {
    private final Http1Client client;

    Http(Http1Client client) {
        this.client = client;
    }

    Call get(String path) {
        return new Call(client.method(Method.GET).path(path), null);
    }

    Call post(String path) {
        return new Call(client.method(Method.POST).path(path), null);
    }

    Call method(Method method, String path) {
        return new Call(client.method(method).path(path), null);
    }

    static final class Call {
        private final Http1ClientRequest request;
        private String body;

        private Call(Http1ClientRequest request, String body) {
            this.request = request;
            this.body = body;
        }

        Call header(String name, String value) {
            request.header(HeaderNames.create(name), value);
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
            try (Http1ClientResponse response = body == null ? request.request() : request.submit(body)) {
                String text = response.entity().hasEntity() ? response.as(String.class) : "";
                return new Reply(response.status().code(), response.headers(), text);
            }
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
