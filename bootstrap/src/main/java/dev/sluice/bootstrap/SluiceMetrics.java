package dev.sluice.bootstrap;

import dev.sluice.adapters.http.HttpApi;
import dev.sluice.adapters.http.RequestObserver;
import dev.sluice.adapters.kafka.ObservationConsumer;
import dev.sluice.adapters.kafka.OutboxRelay;
import dev.sluice.adapters.persistence.PersistenceModule;
import dev.sluice.adapters.webhooks.AttemptObserver;
import dev.sluice.adapters.webhooks.WebhooksModule;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sluice's own meters, served as Prometheus text at {@code /observe/metrics} beside Helidon's JVM
 * meters. Counters and the request histogram are shared by every instance in the JVM; gauges read
 * this instance's parts and leave the registry when it closes.
 */
final class SluiceMetrics implements RequestObserver, AttemptObserver, AutoCloseable {
    private static final Duration BACKLOG_MAX_AGE = Duration.ofSeconds(5);
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Map<List<String>, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<PaymentStatus, Counter> transitions = new ConcurrentHashMap<>();
    private final Map<AttemptObserver.Outcome, Counter> webhookAttempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> endpointFailures = new ConcurrentHashMap<>();
    private final Counter sessionsCreated;
    private final List<Meter> ownMeters = new ArrayList<>();

    SluiceMetrics(PersistenceModule db) {
        JvmMeters.bind();
        this.sessionsCreated = registry.getOrCreate(Counter.builder("sluice.sessions.created")
                .description("Deposit sessions created"));
        Cached<Outbox.Backlog> backlog = new Cached<>(() -> db.outbox().backlog(), BACKLOG_MAX_AGE);
        gauge("sluice.outbox.backlog", "Events waiting in the outbox to be published",
                () -> backlog.get().count());
        gauge("sluice.outbox.oldest.age.seconds", "How long the oldest waiting event has waited (0 when none)",
                () -> oldestAgeSeconds(backlog.get()));
        gauge("sluice.db.pool.active", "Database connections in use", () -> db.poolUsage().active());
        gauge("sluice.db.pool.idle", "Database connections open and idle", () -> db.poolUsage().idle());
        gauge("sluice.db.pool.waiting", "Threads waiting for a database connection", () -> db.poolUsage().waiting());
    }

    /** The outbox to give the use cases, with its unit of work: it counts what they commit. */
    CountingOutbox counting(Outbox outbox, UnitOfWork transactions) {
        return new CountingOutbox(outbox, transactions, this::committed);
    }

    void watch(OutboxRelay relay) {
        counter("sluice.relay.published", "Events the relay published to Kafka", relay, OutboxRelay::publishedCount);
        counter("sluice.relay.errors", "Relay passes that failed (send, claim or mark)", relay,
                OutboxRelay::sendErrorCount);
        counter("sluice.relay.set.aside", "Events set aside after failing for their own sake; each holds back its session",
                relay, OutboxRelay::setAsideCount);
    }

    void watch(HttpApi api) {
        gauge("sluice.status.streams.open", "Status streams open on this instance", api::openStatusStreams);
        counter("sluice.status.watcher.queries", "Database queries of the status-stream watcher", api,
                HttpApi::statusWatcherQueries);
    }

    void watch(ObservationConsumer consumer) {
        gauge("sluice.consumer.lag", "Observation messages not yet read", consumer::lag);
        counter("sluice.consumer.dead.lettered", "Observation messages sent to the dead-letter topic", consumer,
                ObservationConsumer::deadLetteredCount);
    }

    void watch(WebhooksModule webhooks) {
        Cached<WebhooksModule.Backlog> backlog = new Cached<>(webhooks::backlog, BACKLOG_MAX_AGE);
        gauge("sluice.webhooks.backlog", "Webhook deliveries waiting (due, scheduled or queued behind their session's)",
                () -> backlog.get().count());
        gauge("sluice.webhooks.oldest.age.seconds", "How long the oldest waiting delivery has waited (0 when none)",
                () -> ageSeconds(backlog.get().oldestCreatedAt()));
    }

    @Override
    public void attempted(String endpointId, AttemptObserver.Outcome outcome) {
        webhookAttempts.computeIfAbsent(outcome, o -> registry.getOrCreate(Counter.builder("sluice.webhooks.attempts")
                .description("Webhook attempts, by what they left the delivery as (DELIVERED, RETRYING, FAILED)")
                .tags(Metrics.tags("outcome", o.name())))).increment();
        if (outcome != AttemptObserver.Outcome.DELIVERED) {
            // one series per endpoint that ever failed: at most 10 per business
            endpointFailures.computeIfAbsent(endpointId, id -> registry.getOrCreate(
                    Counter.builder("sluice.webhooks.endpoint.failures")
                            .description("Failed webhook attempts, by endpoint")
                            .tags(Metrics.tags("endpoint", id)))).increment();
        }
    }

    private void committed(SessionEvent event) {
        transitions.computeIfAbsent(event.status(), status -> registry.getOrCreate(
                Counter.builder("sluice.transitions")
                        .description("Session status changes, by the status reached")
                        .tags(Metrics.tags("status", status.name())))).increment();
        if (event.previousStatus() == null) {
            sessionsCreated.increment();
        }
    }

    @Override
    public void completed(String method, String route, int status, Duration latency) {
        String code = Integer.toString(status);
        requestTimers.computeIfAbsent(List.of(method, route, code), key -> registry.getOrCreate(
                Timer.builder("sluice.http.requests")
                        .description("HTTP request latency by route template and status")
                        .tags(Metrics.tags("method", method, "route", route, "status", code))
                        .buckets(LATENCY_BUCKETS)
                        // no client-side quantiles: they cannot be aggregated across instances, and as
                        // `quantile` samples inside a histogram they are not valid Prometheus text
                        .percentiles(new double[0])
                        .publishPercentileHistogram(false)))
                .record(latency);
    }

    private static double oldestAgeSeconds(Outbox.Backlog backlog) {
        return ageSeconds(backlog.oldestCreatedAt());
    }

    private static double ageSeconds(Instant since) {
        return since == null ? 0 : Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    /** A gauge that reads NaN (no value) while its source fails, e.g. while the database is down. */
    private void gauge(String name, String description, Supplier<? extends Number> value) {
        Supplier<Double> safe = () -> {
            try {
                return value.get().doubleValue();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
        ownMeters.add(registry.getOrCreate(Gauge.builder(name, safe).description(description)));
    }

    private <T> void counter(String name, String description, T source, Function<T, Long> count) {
        ownMeters.add(registry.getOrCreate(FunctionalCounter.builder(name, source, count).description(description)));
    }

    @Override
    public void close() {
        ownMeters.forEach(registry::remove);
    }
}
