package dev.sluice.adapters.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;

/**
 * Opens the request scope (request id) and writes the one log line per request: request id,
 * method, route template, status, latency; then tells the {@link RequestObserver}. The route
 * template carries no ids; headers, queries and bodies are never logged.
 */
final class RequestLog implements Filter {
    private static final System.Logger LOG = System.getLogger(RequestLog.class.getName());
    private static final String OBSERVE_PREFIX = "/observe/";
    /** The label of a request no route took (a 404, a 405): its raw path could be anything. */
    static final String UNMATCHED = "unmatched";

    private final RequestObserver observer;

    RequestLog(RequestObserver observer) {
        this.observer = observer;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long started = System.nanoTime();
        RequestScope scope = RequestScope.open(request);
        scope.decorate(response);
        // logged once sent, so that the status is the final one, also when an error handler wrote it
        response.whenSent(() -> {
            write(scope.requestId(), request.prologue().method().text(),
                    route(scope, request.prologue().uriPath().path()), response.status().code(),
                    Duration.ofNanos(System.nanoTime() - started), observer);
        });
        chain.proceed();
    }

    /** The line itself, also for what the web server refused before routing. */
    static void write(String requestId, String method, String route, int status, Duration latency,
            RequestObserver observer) {
        // concatenated, built only when the line is logged: with a MessageFormat pattern (and the
        // formatter's String.format) the line was 6-7 % of Sluice's CPU under load (JFR)
        LOG.log(System.Logger.Level.INFO, () -> requestId + " " + method + " " + route + " " + status + " "
                + latency.toMillis() + "ms");
        observer.completed(method, route, status, latency);
    }

    /** The observe endpoints (health, metrics) are not ours, but their fixed paths hold no ids. */
    private static String route(RequestScope scope, String path) {
        if (scope.route() != null) {
            return scope.route();
        }
        return path.startsWith(OBSERVE_PREFIX) ? path : UNMATCHED;
    }
}
