package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Who is calling. When an {@code Authorization} header is present it alone decides (a bad
 * bearer token is never rescued by a secret); otherwise {@code X-Client-Secret} is taken as it
 * is, for the use case to check against the widget or session. Secret holders are rate limited
 * per resource and client address; JWT callers are not.
 */
final class Gate {
    static final HeaderName CLIENT_SECRET = HeaderNames.create("X-Client-Secret");
    private static final String BEARER = "Bearer ";

    private final BearerTokens tokens;
    private final RateLimiter limiter;

    Gate(BearerTokens tokens, RateLimiter limiter) {
        this.tokens = tokens;
        this.limiter = limiter;
    }

    /** The caller, or 401 before any use case runs; {@code resource} keys the rate limit. */
    Caller admit(ServerRequest request, String resource) {
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length()) || value.substring(BEARER.length()).isBlank()) {
                throw HttpProblem.invalidToken();
            }
            return tokens.verify(value.substring(BEARER.length()).trim());
        }
        String secret = request.headers().first(CLIENT_SECRET).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> HttpProblem.unauthorized("a bearer token or X-Client-Secret is required"));
        limiter.acquire(resource + "|" + clientAddress(request));
        return new Caller.SecretHolder(secret);
    }

    /** The host of the browser's {@code Origin}; a value without a host is kept whole so it matches no domain. */
    static Optional<String> originHost(ServerRequest request) {
        return request.headers().first(HeaderNames.ORIGIN).map(origin -> {
            try {
                String host = URI.create(origin).getHost();
                return host == null ? origin : host;
            } catch (IllegalArgumentException e) {
                return origin;
            }
        });
    }

    private static String clientAddress(ServerRequest request) {
        return request.remotePeer().address() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress().getHostAddress()
                : request.remotePeer().host();
    }
}
