package dev.sluice.application.fakes;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions, newest first by creation time and then by id, as the database lists them. */
public final class InMemoryDepositSessions implements DepositSessions, InMemoryStore.Table {
    private static final Comparator<DepositSession> NEWEST_FIRST = Comparator
            .comparing(DepositSession::createdAt).thenComparing(s -> s.id().value()).reversed();

    private final InMemoryStore store;
    private Map<SessionId, DepositSession> byId = new LinkedHashMap<>();

    InMemoryDepositSessions(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Optional<DepositSession> findById(SessionId id) {
        synchronized (store) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    @Override
    public Optional<DepositSession> findByIdForUpdate(SessionId id) {
        synchronized (store) {
            store.requireUnitOfWork("findByIdForUpdate");
            return findById(id);
        }
    }

    @Override
    public void add(DepositSession session) {
        synchronized (store) {
            store.requireUnitOfWork("add");
            if (byId.putIfAbsent(session.id(), session) != null) {
                throw new IllegalStateException("duplicate session " + session.id());
            }
        }
    }

    @Override
    public void update(DepositSession session) {
        synchronized (store) {
            store.requireUnitOfWork("update");
            DepositSession stored = byId.get(session.id());
            if (stored == null || stored.version() != session.version()) {
                throw new ConcurrentChangeException("session " + session.id() + " changed");
            }
            byId.put(session.id(), DepositSession.restore(session.id(), session.widgetId(), session.businessId(),
                    session.terms(), session.status(), session.txId(), session.amountReceived(),
                    session.latePayment(), session.createdAt(), session.expiresAt(), session.confirmedAt(),
                    session.cancelledAt(), session.lastSequence(), session.version() + 1));
        }
    }

    /** A cursor that names no session of the widget has nothing after it. */
    @Override
    public Page<DepositSession> listByWidget(WidgetId widget, Optional<PaymentStatus> status, int limit,
            Optional<SessionId> startingAfter) {
        synchronized (store) {
            List<DepositSession> newestFirst = byId.values().stream()
                    .filter(s -> s.widgetId().equals(widget))
                    .sorted(NEWEST_FIRST)
                    .toList();
            int start = 0;
            if (startingAfter.isPresent()) {
                DepositSession cursor = byId.get(startingAfter.get());
                if (cursor == null || !cursor.widgetId().equals(widget)) {
                    return new Page<>(List.of(), false);
                }
                start = newestFirst.indexOf(cursor) + 1;
            }
            List<DepositSession> matching = newestFirst.subList(start, newestFirst.size()).stream()
                    .filter(s -> status.map(wanted -> s.status() == wanted).orElse(true))
                    .toList();
            return new Page<>(matching.stream().limit(limit).toList(), matching.size() > limit);
        }
    }

    @Override
    public List<DepositSession> claimDueForExpiry(Instant now, int limit) {
        synchronized (store) {
            store.requireUnitOfWork("claimDueForExpiry");
            return byId.values().stream().filter(s -> s.isDueForExpiry(now)).limit(limit).toList();
        }
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(byId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        byId = (Map<SessionId, DepositSession>) snapshot;
    }
}
