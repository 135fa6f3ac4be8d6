package dev.sluice.adapters.http;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one place where failures become RFC 9457 problem details. */
final class Problems {
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("validation_failed", "Validation failed"),
            Map.entry("cannot_cancel", "Cannot cancel"),
            Map.entry("unauthorized", "Unauthorized"),
            Map.entry("forbidden", "Forbidden"),
            Map.entry("domain_not_allowed", "Domain not allowed"),
            Map.entry("not_found", "Not found"),
            Map.entry("method_not_allowed", "Method not allowed"),
            Map.entry("widget_disabled", "Widget disabled"),
            Map.entry("widget_limit_reached", "Widget limit reached"),
            Map.entry("idempotency_key_reused", "Idempotency key reused"),
            Map.entry("request_in_progress", "Request in progress"),
            Map.entry("invalid_transition", "Invalid transition"),
            Map.entry("not_test_mode", "Not in test mode"),
            Map.entry("payload_too_large", "Payload too large"),
            Map.entry("unsupported_media_type", "Unsupported media type"),
            Map.entry("rate_limited", "Rate limited"),
            Map.entry("service_unavailable", "Service unavailable"),
            Map.entry("internal_error", "Internal error"));

    private final Endpoints endpoints;

    Problems(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    void register(HttpRouting.Builder routing) {
        routing.error(DomainException.class, this::domain)
                .error(HttpProblem.class, this::http)
                .error(StoreUnavailableException.class, (req, res, e) -> {
                    LOG.log(System.Logger.Level.WARNING, "store unavailable: " + e.getMessage());
                    send(req, res, 503, "service_unavailable", "the service is unavailable; retry later", List.of());
                })
                // a lock wait or deadlock lost to a concurrent change of the same record: nothing
                // was written, and the same request is expected to succeed a moment later
                .error(ConcurrentChangeException.class, (req, res, e) -> {
                    res.header("Retry-After", "1");
                    send(req, res, 503, "service_unavailable", "the record is busy; retry later", List.of());
                })
                .error(HttpException.class, this::server)
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(System.Logger.Level.ERROR, "request " + RequestScope.of(req).requestId() + " failed", e);
                    send(req, res, 500, "internal_error", "an unexpected error occurred", List.of());
                });
    }

    private void domain(ServerRequest req, ServerResponse res, DomainException e) {
        if (e.code() == ErrorCode.DOMAIN_NOT_ALLOWED) {
            RequestScope.of(req).withdrawOrigin();
        }
        send(req, res, status(e.code()), e.code().code(), e.getMessage(), e.violations());
    }

    private void http(ServerRequest req, ServerResponse res, HttpProblem e) {
        e.headers().forEach(res::header);
        send(req, res, e.status(), e.code(), e.getMessage(), List.of());
    }

    /** Helidon's own refusals: no route (404, or 405 when the path exists), bad requests. */
    private void server(ServerRequest req, ServerResponse res, HttpException e) {
        if (e.status().code() == 404) {
            List<String> allowed = endpoints.methodsFor(req.prologue().uriPath().path());
            http(req, res, allowed.isEmpty() ? HttpProblem.notFound() : HttpProblem.methodNotAllowed(allowed));
        } else if (e.status().code() == 413) {
            http(req, res, HttpProblem.payloadTooLarge());
        } else if (e.status().code() < 500) {
            send(req, res, 400, "validation_failed", "the request is malformed", List.of());
        } else {
            LOG.log(System.Logger.Level.ERROR, "request " + RequestScope.of(req).requestId() + " failed", e);
            send(req, res, 500, "internal_error", "an unexpected error occurred", List.of());
        }
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, CANNOT_CANCEL -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN, DOMAIN_NOT_ALLOWED -> 403;
            case NOT_FOUND -> 404;
            case WIDGET_DISABLED, WIDGET_LIMIT_REACHED, IDEMPOTENCY_KEY_REUSED, REQUEST_IN_PROGRESS,
                    INVALID_TRANSITION, NOT_TEST_MODE -> 409;
        };
    }

    private static void send(ServerRequest req, ServerResponse res, int status, String code, String detail,
            List<Violation> violations) {
        RequestScope scope = RequestScope.of(req);
        ObjectNode body = JsonIo.object()
                .put("type", "/problems/" + code)
                .put("title", TITLES.get(code))
                .put("status", status)
                .put("code", code)
                .put("detail", detail)
                .put("requestId", scope.requestId());
        if (code.equals("validation_failed")) {
            ArrayNode errors = body.putArray("errors");
            for (Violation v : violations) {
                errors.addObject().put("field", v.field()).put("code", v.code()).put("message", v.message());
            }
        }
        scope.decorate(res);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        res.send(JsonIo.MAPPER.writeValueAsBytes(body));
    }
}
