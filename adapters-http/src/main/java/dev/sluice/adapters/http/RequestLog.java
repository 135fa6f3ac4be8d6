package dev.sluice.adapters.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Opens the request scope (request id) and writes the one log line per request: id, method,
 * path, status, latency. Paths hold only ids; headers, queries and bodies are never logged.
 */
final class RequestLog implements Filter {
    private static final System.Logger LOG = System.getLogger(RequestLog.class.getName());

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long started = System.nanoTime();
        RequestScope scope = RequestScope.open(request);
        scope.decorate(response);
        // logged once sent, so that the status is the final one, also when an error handler wrote it
        response.whenSent(() -> LOG.log(System.Logger.Level.INFO, "{0} {1} {2} {3} {4}ms", scope.requestId(),
                request.prologue().method().text(), request.prologue().uriPath().path(),
                response.status().code(), (System.nanoTime() - started) / 1_000_000));
        chain.proceed();
    }
}
