package dev.sluice.adapters.http;

import dev.sluice.domain.shared.ErrorCode;

/**
 * Every problem code of api.md with its status and title. The domain's codes map here by an
 * exhaustive switch, so a new {@link ErrorCode} does not compile until it has a status and title.
 */
enum ProblemType {
    VALIDATION_FAILED(400, "validation_failed", "Validation failed"),
    CANNOT_CANCEL(400, "cannot_cancel", "Cannot cancel"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    DOMAIN_NOT_ALLOWED(403, "domain_not_allowed", "Domain not allowed"),
    NOT_FOUND(404, "not_found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
    WIDGET_DISABLED(409, "widget_disabled", "Widget disabled"),
    WIDGET_LIMIT_REACHED(409, "widget_limit_reached", "Widget limit reached"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency_key_reused", "Idempotency key reused"),
    REQUEST_IN_PROGRESS(409, "request_in_progress", "Request in progress"),
    INVALID_TRANSITION(409, "invalid_transition", "Invalid transition"),
    ENDPOINT_LIMIT_REACHED(409, "endpoint_limit_reached", "Endpoint limit reached"),
    NOT_TEST_MODE(409, "not_test_mode", "Not in test mode"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type"),
    RATE_LIMITED(429, "rate_limited", "Rate limited"),
    INTERNAL_ERROR(500, "internal_error", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "Service unavailable");

    private final int status;
    private final String code;
    private final String title;

    ProblemType(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    static ProblemType of(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> VALIDATION_FAILED;
            case CANNOT_CANCEL -> CANNOT_CANCEL;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case DOMAIN_NOT_ALLOWED -> DOMAIN_NOT_ALLOWED;
            case NOT_FOUND -> NOT_FOUND;
            case WIDGET_DISABLED -> WIDGET_DISABLED;
            case WIDGET_LIMIT_REACHED -> WIDGET_LIMIT_REACHED;
            case IDEMPOTENCY_KEY_REUSED -> IDEMPOTENCY_KEY_REUSED;
            case REQUEST_IN_PROGRESS -> REQUEST_IN_PROGRESS;
            case INVALID_TRANSITION -> INVALID_TRANSITION;
            case ENDPOINT_LIMIT_REACHED -> ENDPOINT_LIMIT_REACHED;
            case NOT_TEST_MODE -> NOT_TEST_MODE;
        };
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String title() {
        return title;
    }
}
