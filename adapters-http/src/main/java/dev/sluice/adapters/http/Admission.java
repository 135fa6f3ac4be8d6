package dev.sluice.adapters.http;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.concurrency.limits.LimitAlgorithm;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * The limit on requests served at once (the server's own {@code concurrencyLimit} would count
 * a status stream as a request in progress for up to an hour, so a few dozen readers would stall
 * every other caller). Status streams are bounded by {@link StatusStreams} instead and pass here.
 */
final class Admission implements Filter {
    private static final String STREAM_SUFFIX = "/status-stream";

    private final Limit limit;

    Admission(Limit limit) {
        this.limit = limit;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (request.prologue().uriPath().path().endsWith(STREAM_SUFFIX)) {
            chain.proceed();
            return;
        }
        Optional<LimitAlgorithm.Token> token = limit.tryAcquire();
        if (token.isEmpty()) {
            throw HttpProblem.serviceUnavailable(1, "the server is busy; retry later");
        }
        try {
            chain.proceed();
            token.get().success();
        } catch (RuntimeException e) {
            token.get().dropped();
            throw e;
        }
    }
}
