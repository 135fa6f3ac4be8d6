package dev.sluice.application.fakes;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions in insertion order, which is creation order: "newest first" is the reverse. */
public final class InMemoryDepositSessions implements DepositSessions, Transactional {
    private final InMemoryUnitOfWork.Guard guard;
    private Map<SessionId, DepositSession> byId = new LinkedHashMap<>();

    InMemoryDepositSessions(InMemoryUnitOfWork.Guard guard) {
        this.guard = guard;
    }

    @Override
    public Optional<DepositSession> findById(SessionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<DepositSession> findByIdForUpdate(SessionId id) {
        guard.requireTransaction("findByIdForUpdate");
        return findById(id);
    }

    @Override
    public void add(DepositSession session) {
        guard.requireTransaction("add");
        if (byId.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("duplicate session " + session.id());
        }
    }

    @Override
    public void update(DepositSession session) {
        guard.requireTransaction("update");
        DepositSession stored = byId.get(session.id());
        if (stored == null || stored.version() != session.version()) {
            throw new ConcurrentChangeException("session " + session.id() + " changed");
        }
        byId.put(session.id(), DepositSession.restore(session.id(), session.widgetId(), session.businessId(),
                session.terms(), session.status(), session.payments(), session.latePayment(),
                session.createdAt(), session.expiresAt(), session.confirmedAt(), session.cancelledAt(),
                session.lastSequence(), session.version() + 1));
    }

    @Override
    public Page<DepositSession> listByWidget(WidgetId widget, Optional<PaymentStatus> status, int limit,
            Optional<SessionId> startingAfter) {
        List<DepositSession> newestFirst = new ArrayList<>(byId.values());
        Collections.reverse(newestFirst);
        int start = startingAfter.map(after -> indexOf(newestFirst, after) + 1).orElse(0);
        List<DepositSession> matching = newestFirst.subList(start, newestFirst.size()).stream()
                .filter(s -> s.widgetId().equals(widget))
                .filter(s -> status.map(wanted -> s.status() == wanted).orElse(true))
                .toList();
        return new Page<>(matching.stream().limit(limit).toList(), matching.size() > limit);
    }

    private static int indexOf(List<DepositSession> sessions, SessionId id) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).id().equals(id)) {
                return i;
            }
        }
        return sessions.size();
    }

    @Override
    public List<DepositSession> claimDueForExpiry(Instant now, int limit) {
        guard.requireTransaction("claimDueForExpiry");
        return byId.values().stream().filter(s -> s.isDueForExpiry(now)).limit(limit).toList();
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
