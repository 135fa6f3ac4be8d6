package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.domain.shared.PrefixedId;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling. When an {@code Authorization} header is present it alone decides (a bad
 * bearer token is never rescued by a secret); otherwise {@code X-Client-Secret} is taken as it
 * is, for the use case to check against the widget or session. Secret holders are rate limited
 * per resource and client address; JWT callers are not.
 */
final class Authentication {
    static final HeaderName CLIENT_SECRET = HeaderNames.create("X-Client-Secret");
    private static final String BEARER = "Bearer ";
    /** What a client secret can open: a widget (its own secret) or a session (its own secret). */
    private static final List<String> SECRET_RESOURCES = List.of("wdgt_", "dep_");

    private final BearerTokens tokens;
    private final RateLimiter limiter;

    Authentication(BearerTokens tokens, RateLimiter limiter) {
        this.tokens = tokens;
        this.limiter = limiter;
    }

    /** The caller of an endpoint that only a bearer token opens, or 401 before any use case runs. */
    Caller admit(ServerRequest request) {
        return bearer(request).orElseThrow(
                () -> HttpProblem.unauthorized("a bearer token is required"));
    }

    /**
     * The caller of a widget's or a session's endpoint, or 401 before any use case runs: a bearer
     * token, or the resource's client secret for its use case to check. A secret naming an id that
     * cannot exist is 404 at once, before it costs a rate-limit bucket or a query; secret holders
     * are rate limited per resource and client address.
     */
    Caller admit(ServerRequest request, String widgetOrSessionId) {
        Optional<Caller> bearer = bearer(request);
        if (bearer.isPresent()) {
            return bearer.get();
        }
        String secret = request.headers().first(CLIENT_SECRET).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> HttpProblem.unauthorized("a bearer token or X-Client-Secret is required"));
        if (SECRET_RESOURCES.stream().noneMatch(prefix -> PrefixedId.isValid(prefix, widgetOrSessionId))) {
            throw HttpProblem.notFound();
        }
        limiter.acquire(widgetOrSessionId + "|" + clientAddress(request));
        return new Caller.SecretHolder(secret);
    }

    /** When an {@code Authorization} header is present it alone decides: a verified token or 401. */
    private Optional<Caller> bearer(ServerRequest request) {
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String value = authorization.get();
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length()) || value.substring(BEARER.length()).isBlank()) {
            throw HttpProblem.invalidToken();
        }
        return Optional.of(tokens.verify(value.substring(BEARER.length()).trim()));
    }

    private static String clientAddress(ServerRequest request) {
        return request.remotePeer().address() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress().getHostAddress()
                : request.remotePeer().host();
    }
}
