package dev.sluice.adapters.http;

import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.adapters.http.schema.JsonSchemaMetadataSchemas;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The outbound ports in memory, one lock for all: enough for the real application services to
 * run behind the HTTP adapter in these tests. Publishing concerns (claims, leases) are the Kafka
 * adapter's and are not exercised here.
 */
final class InMemoryPorts implements Widgets, DepositSessions, Outbox, IdempotencyRecords, Observations, EventFeed,
        UnitOfWork, MetadataSchemas {
    private final JsonSchemaMetadataSchemas schemas = new JsonSchemaMetadataSchemas();
    private final Map<WidgetId, Widget> widgets = new HashMap<>();
    private final Map<SessionId, DepositSession> sessions = new HashMap<>();
    private final List<SessionEvent> events = new ArrayList<>();
    private final Map<String, Claim> idempotency = new HashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();
    private final Map<String, Instant> startedAt = new HashMap<>();
    private final Map<String, RecordedObservation> observations = new HashMap<>();

    // Widgets

    @Override
    public synchronized Optional<Widget> findById(WidgetId id) {
        return Optional.ofNullable(widgets.get(id));
    }

    @Override
    public synchronized void add(Widget widget) {
        widgets.put(widget.id(), widget);
    }

    @Override
    public synchronized void update(Widget widget) {
        widgets.put(widget.id(), widget);
    }

    @Override
    public synchronized List<Widget> listLive(BusinessId business) {
        return widgets.values().stream().filter(w -> w.isOwnedBy(business) && !w.isDeleted())
                .sorted(Comparator.comparing(Widget::createdAt)).toList();
    }

    @Override
    public synchronized int countLiveForUpdate(BusinessId business) {
        return listLive(business).size();
    }

    // DepositSessions

    @Override
    public synchronized Optional<DepositSession> findById(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized Optional<DepositSession> findByIdForUpdate(SessionId id) {
        return findById(id);
    }

    @Override
    public synchronized void add(DepositSession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public synchronized void update(DepositSession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public synchronized Page<DepositSession> listByWidget(WidgetId widget, Optional<PaymentStatus> status, int limit,
            Optional<SessionId> startingAfter) {
        List<DepositSession> newestFirst = sessions.values().stream()
                .filter(s -> s.widgetId().equals(widget) && status.map(s.status()::equals).orElse(true))
                .sorted(Comparator.comparing(DepositSession::createdAt).thenComparing(s -> s.id().value()).reversed())
                .toList();
        int from = startingAfter.map(after -> newestFirst.stream().map(DepositSession::id).toList().indexOf(after) + 1)
                .orElse(0);
        List<DepositSession> rest = newestFirst.subList(from, newestFirst.size());
        return new Page<>(rest.stream().limit(limit).toList(), rest.size() > limit);
    }

    @Override
    public synchronized List<DepositSession> claimDueForExpiry(Instant now, int limit) {
        return sessions.values().stream().filter(s -> s.isDueForExpiry(now)).limit(limit).toList();
    }

    // Outbox and EventFeed

    @Override
    public synchronized void append(List<SessionEvent> appended) {
        events.addAll(appended);
    }

    @Override
    public synchronized List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        return List.of();
    }

    @Override
    public void markPublished(List<EventId> published) {
    }

    @Override
    public void release(List<EventId> released) {
    }

    // the HTTP tests run no relay
    @Override
    public boolean recordFailure(EventId event, int limit) {
        return false;
    }

    @Override
    public int prunePublishedBefore(Instant cutoff) {
        return 0;
    }

    @Override
    public synchronized Backlog backlog() {
        return new Backlog(events.size(), events.isEmpty() ? null : events.getFirst().occurredAt());
    }

    @Override
    public synchronized Page<SessionEvent> listForBusiness(BusinessId business, Optional<EventId> after, int limit) {
        List<SessionEvent> own = events.stream().filter(e -> e.session().businessId().equals(business)).toList();
        int from = after.map(id -> own.stream().map(SessionEvent::id).toList().indexOf(id) + 1).orElse(0);
        List<SessionEvent> rest = own.subList(from, own.size());
        return new Page<>(rest.stream().limit(limit).toList(), rest.size() > limit);
    }

    synchronized List<SessionEvent> events() {
        return List.copyOf(events);
    }

    // IdempotencyRecords

    @Override
    public synchronized Claim begin(WidgetId widget, String key, String fingerprint, Instant now) {
        String scoped = widget.value() + "|" + key;
        Claim earlier = idempotency.get(scoped);
        if (earlier != null) {
            return earlier;
        }
        idempotency.put(scoped, new InProgress(fingerprint));
        fingerprints.put(scoped, fingerprint);
        startedAt.put(scoped, now);
        return new Started();
    }

    @Override
    public synchronized int forgetExpired(Instant now) {
        List<String> expired = startedAt.entrySet().stream()
                .filter(started -> !started.getValue().plus(Duration.ofHours(24)).isAfter(now))
                .map(Map.Entry::getKey)
                .toList();
        expired.forEach(scoped -> {
            idempotency.remove(scoped);
            fingerprints.remove(scoped);
            startedAt.remove(scoped);
        });
        return expired.size();
    }

    @Override
    public synchronized void complete(WidgetId widget, String key, SessionId session) {
        String scoped = widget.value() + "|" + key;
        idempotency.put(scoped, new Completed(fingerprints.get(scoped), session));
    }

    @Override
    public synchronized void release(WidgetId widget, String key) {
        String scoped = widget.value() + "|" + key;
        idempotency.remove(scoped);
        fingerprints.remove(scoped);
        startedAt.remove(scoped);
    }

    // Observations

    @Override
    public synchronized boolean add(RecordedObservation observation) {
        return observations.putIfAbsent(observation.observation().observationId(), observation) == null;
    }

    @Override
    public synchronized Optional<RecordedObservation> findById(String observationId) {
        return Optional.ofNullable(observations.get(observationId));
    }

    // UnitOfWork: one lock stands in for the transaction

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    // MetadataSchemas: this module's own adapter, so that HTTP tests see what merchants see

    @Override
    public List<Violation> checkSchema(String schemaJson) {
        return schemas.checkSchema(schemaJson);
    }

    @Override
    public List<Violation> validate(String schemaJson, String metadataJson) {
        return schemas.validate(schemaJson, metadataJson);
    }
}
