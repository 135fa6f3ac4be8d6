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
import java.util.List;
import java.util.Optional;

/** Sessions, newest first by creation time and then by id, as the database lists them. */
public final class InMemoryDepositSessions extends InMemoryTable<SessionId, DepositSession>
        implements DepositSessions {
    private static final Comparator<DepositSession> NEWEST_FIRST = Comparator
            .comparing(DepositSession::createdAt).thenComparing(s -> s.id().value()).reversed();

    InMemoryDepositSessions(InMemoryStore store) {
        super(store, DepositSession::id);
    }

    @Override
    public Optional<DepositSession> findById(SessionId id) {
        return find(id);
    }

    @Override
    public Optional<DepositSession> findByIdForUpdate(SessionId id) {
        synchronized (store) {
            store.requireUnitOfWork("findByIdForUpdate");
            return find(id);
        }
    }

    @Override
    public void add(DepositSession session) {
        if (!insert("add", session)) {
            throw new IllegalStateException("duplicate session " + session.id());
        }
    }

    @Override
    public void update(DepositSession session) {
        replace("update", DepositSession.restore(session.id(), session.widgetId(), session.businessId(),
                        session.terms(), session.status(), session.payments(), session.latePayment(),
                        session.createdAt(), session.expiresAt(), session.confirmedAt(), session.cancelledAt(),
                        session.lastSequence(), session.version() + 1),
                stored -> stored.version() == session.version(),
                new ConcurrentChangeException("session " + session.id() + " changed"));
    }

    /** A cursor that names no session of the widget has nothing after it. */
    @Override
    public Page<DepositSession> listByWidget(WidgetId widget, Optional<PaymentStatus> status, int limit,
            Optional<SessionId> startingAfter) {
        List<DepositSession> newestFirst = all().stream()
                .filter(s -> s.widgetId().equals(widget))
                .sorted(NEWEST_FIRST)
                .toList();
        int start = 0;
        if (startingAfter.isPresent()) {
            Optional<DepositSession> cursor = find(startingAfter.get()).filter(s -> s.widgetId().equals(widget));
            if (cursor.isEmpty()) {
                return new Page<>(List.of(), false);
            }
            start = newestFirst.indexOf(cursor.get()) + 1;
        }
        List<DepositSession> matching = newestFirst.subList(start, newestFirst.size()).stream()
                .filter(s -> status.map(wanted -> s.status() == wanted).orElse(true))
                .toList();
        return new Page<>(matching.stream().limit(limit).toList(), matching.size() > limit);
    }

    @Override
    public List<DepositSession> claimDueForExpiry(Instant now, int limit) {
        synchronized (store) {
            store.requireUnitOfWork("claimDueForExpiry");
            return all().stream().filter(s -> s.isDueForExpiry(now)).limit(limit).toList();
        }
    }
}
