package dev.sluice.adapters.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.List;

/** A refusal decided by the HTTP layer itself (transport and credential checks), not by a use case. */
final class HttpProblem extends RuntimeException {
    private final ProblemType type;
    private final List<Header> headers;

    private HttpProblem(ProblemType type, String detail, List<Header> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.headers = List.copyOf(headers);
    }

    static HttpProblem payloadTooLarge() {
        return new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE,
                "the body must be at most " + JsonIo.MAX_BODY_BYTES + " bytes", List.of());
    }

    static HttpProblem unsupportedMediaType() {
        return new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json", List.of());
    }

    /** RFC 6750: a bearer-protected resource names its scheme when it refuses a credential. */
    static HttpProblem unauthorized(String detail) {
        return new HttpProblem(ProblemType.UNAUTHORIZED, detail,
                List.of(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer")));
    }

    static HttpProblem invalidToken() {
        return new HttpProblem(ProblemType.UNAUTHORIZED, "the bearer token is not valid",
                List.of(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")));
    }

    static HttpProblem rateLimited(long retryAfterSeconds) {
        return new HttpProblem(ProblemType.RATE_LIMITED, "too many requests; retry later",
                List.of(HeaderValues.create(HeaderNames.RETRY_AFTER, retryAfterSeconds)));
    }

    static HttpProblem serviceUnavailable(long retryAfterSeconds, String detail) {
        return new HttpProblem(ProblemType.SERVICE_UNAVAILABLE, detail,
                List.of(HeaderValues.create(HeaderNames.RETRY_AFTER, retryAfterSeconds)));
    }

    static HttpProblem notFound() {
        return new HttpProblem(ProblemType.NOT_FOUND, "no such resource", List.of());
    }

    static HttpProblem methodNotAllowed(List<String> allowed) {
        return new HttpProblem(ProblemType.METHOD_NOT_ALLOWED, "this resource does not support the method",
                List.of(HeaderValues.create(HeaderNames.ALLOW, String.join(", ", allowed))));
    }

    ProblemType type() {
        return type;
    }

    List<Header> headers() {
        return headers;
    }
}
