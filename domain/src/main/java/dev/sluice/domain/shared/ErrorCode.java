package dev.sluice.domain.shared;

/** The contract's error codes that the domain and its use cases can raise. */
public enum ErrorCode {
    VALIDATION_FAILED("validation_failed"),
    CANNOT_CANCEL("cannot_cancel"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    DOMAIN_NOT_ALLOWED("domain_not_allowed"),
    NOT_FOUND("not_found"),
    WIDGET_DISABLED("widget_disabled"),
    WIDGET_LIMIT_REACHED("widget_limit_reached"),
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused"),
    REQUEST_IN_PROGRESS("request_in_progress"),
    INVALID_TRANSITION("invalid_transition"),
    ENDPOINT_LIMIT_REACHED("endpoint_limit_reached"),
    NOT_TEST_MODE("not_test_mode");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The wire form, e.g. {@code widget_disabled}. */
    public String code() {
        return code;
    }
}
