package dev.sluice.adapters.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.List;

/** A refusal decided by the HTTP layer itself (transport and credential checks), not by a use case. */
final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Header> headers;

    private HttpProblem(int status, String code, String detail, List<Header> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = List.copyOf(headers);
    }

    static HttpProblem payloadTooLarge() {
        return new HttpProblem(413, "payload_too_large",
                "the body must be at most " + JsonIo.MAX_BODY_BYTES + " bytes", List.of());
    }

    static HttpProblem unsupportedMediaType() {
        return new HttpProblem(415, "unsupported_media_type", "the body must be application/json", List.of());
    }

    /** RFC 6750: a bearer-protected resource names its scheme when it refuses a credential. */
    static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "unauthorized", detail,
                List.of(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer")));
    }

    static HttpProblem invalidToken() {
        return new HttpProblem(401, "unauthorized", "the bearer token is not valid",
                List.of(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")));
    }

    static HttpProblem rateLimited(long retryAfterSeconds) {
        return new HttpProblem(429, "rate_limited", "too many requests; retry later",
                List.of(HeaderValues.create(HeaderNames.RETRY_AFTER, retryAfterSeconds)));
    }

    static HttpProblem serviceUnavailable(long retryAfterSeconds, String detail) {
        return new HttpProblem(503, "service_unavailable", detail,
                List.of(HeaderValues.create(HeaderNames.RETRY_AFTER, retryAfterSeconds)));
    }

    static HttpProblem notFound() {
        return new HttpProblem(404, "not_found", "no such resource", List.of());
    }

    static HttpProblem methodNotAllowed(List<String> allowed) {
        return new HttpProblem(405, "method_not_allowed", "this resource does not support the method",
                List.of(HeaderValues.create(HeaderNames.ALLOW, String.join(", ", allowed))));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<Header> headers() {
        return headers;
    }
}
