package dev.sluice.adapters.http;

import java.time.Duration;

/**
 * Told about every request once its response is sent, e.g. to record a latency histogram.
 * {@code route} is the route template ({@code /api/v1/widgets/{widgetId}/create-session}), never
 * the path with its ids; see {@link HttpApi.Builder#requestObserver}.
 */
@FunctionalInterface
public interface RequestObserver {
    void completed(String method, String route, int status, Duration latency);
}
