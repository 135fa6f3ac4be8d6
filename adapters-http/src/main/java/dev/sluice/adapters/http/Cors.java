package dev.sluice.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * CORS for the browser-facing {@code /api/v1/widgets/…} endpoints, written by hand rather than
 * with helidon-webserver-cors because the allowed origins are per widget, stored data that only
 * the use case can read (and only for a caller with a credential). So: a preflight, which carries
 * no credential, is answered for any origin; the real request's Origin host goes to the use case,
 * which refuses it with {@code domain_not_allowed} unless the widget allows it, and only then
 * does the response lose its {@code Access-Control-Allow-Origin} (see {@link Problems}). The
 * credentials are headers, never cookies, so no ambient authority is exposed to other sites.
 */
final class Cors implements Filter {
    static final String PREFIX = "/api/v1/widgets/";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Client-Secret, Idempotency-Key, X-Request-Id,"
            + " Last-Event-ID";
    private static final String MAX_AGE_SECONDS = "600";

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        var origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || !request.prologue().uriPath().path().startsWith(PREFIX)) {
            chain.proceed();
            return;
        }
        RequestScope scope = RequestScope.of(request);
        scope.allowOrigin(origin.get());
        scope.decorate(response);
        if (request.prologue().method() == Method.OPTIONS
                && request.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            response.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            response.status(Status.NO_CONTENT_204).send();
            return;
        }
        chain.proceed();
    }
}
