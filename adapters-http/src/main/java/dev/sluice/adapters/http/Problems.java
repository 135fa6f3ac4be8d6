package dev.sluice.adapters.http;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.StoreBusyException;
import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where failures become RFC 9457 problem details: what the use cases refuse, what
 * the HTTP layer refuses, what breaks (an {@link Error} such as a stack overflow included), and
 * what the web server refuses before any route runs (oversized headers or URI, a malformed
 * header). A failure is logged as one line, never a stack trace per request: a flood of bad
 * requests must not become a flood of log lines.
 */
final class Problems {
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    static final String PROBLEM_JSON = "application/problem+json";

    private final Endpoints endpoints;
    private final RequestObserver observer;

    Problems(Endpoints endpoints, RequestObserver observer) {
        this.endpoints = endpoints;
        this.observer = observer;
    }

    void register(HttpRouting.Builder routing) {
        routing.error(DomainException.class, this::domain)
                .error(HttpProblem.class, this::http)
                .error(StoreUnavailableException.class, (req, res, e) -> {
                    LOG.log(System.Logger.Level.WARNING, "store unavailable: " + e.getMessage());
                    send(req, res, ProblemType.SERVICE_UNAVAILABLE, "the service is unavailable; retry later",
                            List.of());
                })
                // a lock wait or deadlock lost to a concurrent change of the same record: nothing
                // was written, and the same request is expected to succeed a moment later
                .error(ConcurrentChangeException.class, (req, res, e) -> {
                    res.header("Retry-After", "1");
                    send(req, res, ProblemType.SERVICE_UNAVAILABLE, "the record is busy; retry later", List.of());
                })
                // more writes wait for the database than it can take in time: nothing was written
                .error(StoreBusyException.class, (req, res, e) -> {
                    res.header("Retry-After", "1");
                    send(req, res, ProblemType.SERVICE_UNAVAILABLE, "the service is busy; retry later", List.of());
                })
                .error(HttpException.class, this::server)
                .error(Throwable.class, (req, res, e) -> unexpected(req, res, e));
    }

    /** The web server's own refusals, before routing: the same document, request id and log line. */
    DirectHandlers directHandlers() {
        DirectHandler handler = this::early;
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            handlers.addHandler(event, handler);
        }
        return handlers.build();
    }

    private DirectHandler.TransportResponse early(DirectHandler.TransportRequest request,
            DirectHandler.EventType event, Status status, ServerResponseHeaders headers, String message) {
        String requestId = RequestScope.idFor(request.headers().first(RequestScope.REQUEST_ID).orElse(""));
        ProblemType type = switch (status.code()) {
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE; // over the server's concurrency limit
            default -> status.code() < 500 ? ProblemType.VALIDATION_FAILED : ProblemType.INTERNAL_ERROR;
        };
        String detail = detailOf(type);
        String method = request.method().isEmpty() ? "-" : request.method();
        RequestLog.write(requestId, method, RequestLog.UNMATCHED, type.status(), Duration.ZERO, observer);
        return DirectHandler.TransportResponse.builder()
                .status(Status.create(type.status()))
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON)
                .header(RequestScope.REQUEST_ID, requestId)
                .keepAlive(false)
                .entity(JsonIo.MAPPER.writeValueAsBytes(body(type, detail, requestId, List.of())))
                .build();
    }

    private void domain(ServerRequest req, ServerResponse res, DomainException e) {
        if (e.code() == ErrorCode.DOMAIN_NOT_ALLOWED) {
            RequestScope.of(req).withdrawOrigin();
        }
        send(req, res, ProblemType.of(e.code()), e.getMessage(), e.violations());
    }

    private void http(ServerRequest req, ServerResponse res, HttpProblem e) {
        e.headers().forEach(res::header);
        send(req, res, e.type(), e.getMessage(), List.of());
    }

    /** Helidon's own refusals: no route (404, or 405 when the path exists), bad requests. */
    private void server(ServerRequest req, ServerResponse res, HttpException e) {
        if (e.status().code() == 404) {
            List<String> allowed = endpoints.methodsFor(req.prologue().uriPath().path());
            http(req, res, allowed.isEmpty() ? HttpProblem.notFound() : HttpProblem.methodNotAllowed(allowed));
        } else if (e.status().code() == 413) {
            http(req, res, HttpProblem.payloadTooLarge());
        } else if (e.status().code() < 500) {
            send(req, res, ProblemType.VALIDATION_FAILED, detailOf(ProblemType.VALIDATION_FAILED), List.of());
        } else {
            unexpected(req, res, e);
        }
    }

    private void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0];
        LOG.log(System.Logger.Level.ERROR, "request " + RequestScope.of(req).requestId() + " failed: "
                + e.getClass().getName() + where);
        send(req, res, ProblemType.INTERNAL_ERROR, detailOf(ProblemType.INTERNAL_ERROR), List.of());
    }

    private static String detailOf(ProblemType type) {
        return switch (type) {
            case PAYLOAD_TOO_LARGE -> "the body must be at most " + JsonIo.MAX_BODY_BYTES + " bytes";
            case SERVICE_UNAVAILABLE -> "the service is unavailable; retry later";
            case VALIDATION_FAILED -> "the request is malformed";
            default -> "an unexpected error occurred";
        };
    }

    private static void send(ServerRequest req, ServerResponse res, ProblemType type, String detail,
            List<Violation> violations) {
        RequestScope scope = RequestScope.of(req);
        scope.decorate(res);
        res.status(Status.create(type.status()));
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        res.send(JsonIo.MAPPER.writeValueAsBytes(body(type, detail, scope.requestId(), violations)));
    }

    private static ObjectNode body(ProblemType type, String detail, String requestId, List<Violation> violations) {
        ObjectNode body = JsonIo.object()
                .put("type", "/problems/" + type.code())
                .put("title", type.title())
                .put("status", type.status())
                .put("code", type.code())
                .put("detail", detail)
                .put("requestId", requestId);
        if (type == ProblemType.VALIDATION_FAILED) {
            ArrayNode errors = body.putArray("errors");
            for (Violation v : violations) {
                errors.addObject().put("field", v.field()).put("code", v.code()).put("message", v.message());
            }
        }
        return body;
    }
}
