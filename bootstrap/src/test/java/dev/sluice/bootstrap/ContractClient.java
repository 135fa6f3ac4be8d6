package dev.sluice.bootstrap;

import dev.sluice.testsupport.OpenApiContract;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The end-to-end tests' HTTP client: every response is held against the OpenAPI document
 * ({@link OpenApiContract}) before the test sees it, so the running server and the published
 * contract cannot drift apart unnoticed.
 */
final class ContractClient {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.sluice().assertConforms(new OpenApiContract.Exchange(request.method(),
                request.uri().getRawPath(), name -> request.headers().firstValue(name), response.statusCode(),
                name -> response.headers().firstValue(name), response.body()));
        return response;
    }
}
