package dev.sluice.bootstrap;

import dev.sluice.testsupport.OpenApiContract;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The end-to-end tests' HTTP client: every response is held against the OpenAPI document
 * ({@link OpenApiContract}) before the test sees it, and so is every request body the server
 * accepted, so the running server and the published contract cannot drift apart unnoticed.
 */
final class ContractClient {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, "GET", null);
    }

    /** A POST of {@code json} as {@code application/json}. */
    HttpResponse<String> post(HttpRequest.Builder request, String json) throws IOException, InterruptedException {
        return send(request, "POST", json);
    }

    /** {@code json} is the body, sent as {@code application/json}; {@code null} sends none. */
    HttpResponse<String> send(HttpRequest.Builder builder, String method, String json)
            throws IOException, InterruptedException {
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest request = builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.sluice().assertConforms(new OpenApiContract.Exchange(request.method(),
                request.uri().getRawPath(), name -> request.headers().firstValue(name), json, response.statusCode(),
                name -> response.headers().firstValue(name), response.body()));
        return response;
    }
}
