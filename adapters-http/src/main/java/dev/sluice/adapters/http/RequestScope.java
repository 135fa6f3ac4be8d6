package dev.sluice.adapters.http;

import dev.sluice.domain.shared.RandomTokens;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every response of one request carries whatever path it takes (handler or error
 * handler): its request id and, for an admitted browser origin, the CORS headers.
 */
final class RequestScope {
    static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** A caller that pastes a secret into its correlation id must not find it in our logs. */
    private static final List<String> SECRET_PREFIXES = List.of("wdgt_secret_", "dep_secret_", "whsec_");
    private static final String EXPOSED = "X-Request-Id, Location, Retry-After, WWW-Authenticate";

    private final String requestId;
    private volatile String allowedOrigin;
    private volatile String route;

    private RequestScope(String requestId) {
        this.requestId = requestId;
    }

    static RequestScope open(ServerRequest request) {
        RequestScope scope = new RequestScope(idFor(request.headers().first(REQUEST_ID).orElse("")));
        request.context().register(scope);
        return scope;
    }

    /** Echoes a well-formed incoming id (a caller's correlation) that is not a secret, else makes a new one. */
    static String idFor(String incoming) {
        boolean secret = SECRET_PREFIXES.stream()
                .anyMatch(prefix -> incoming.regionMatches(true, 0, prefix, 0, prefix.length()));
        return !secret && VALID_ID.matcher(incoming).matches() ? incoming : RandomTokens.id("req_");
    }

    static RequestScope of(ServerRequest request) {
        return request.context().get(RequestScope.class).orElseGet(() -> open(request));
    }

    String requestId() {
        return requestId;
    }

    /** The template of the route that took the request ({@code /api/v1/widgets/{widgetId}/config}); null when none did. */
    String route() {
        return route;
    }

    void route(String template) {
        this.route = template;
    }

    void allowOrigin(String origin) {
        this.allowedOrigin = origin;
    }

    /** The use case refused the browser's origin: the browser must not read the answer. */
    void withdrawOrigin() {
        this.allowedOrigin = null;
    }

    void decorate(ServerResponse response) {
        response.header(REQUEST_ID, requestId);
        String origin = allowedOrigin;
        if (origin == null) {
            response.headers().remove(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN);
            return;
        }
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.header(HeaderNames.VARY, "Origin");
        response.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    }
}
