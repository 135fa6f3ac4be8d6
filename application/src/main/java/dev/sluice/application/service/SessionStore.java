package dev.sluice.application.service;

import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import java.time.Instant;

/** Loading sessions and storing their changes together with their events. */
final class SessionStore {
    private final DepositSessions sessions;
    private final Outbox outbox;
    private final UnitOfWork unitOfWork;

    SessionStore(DepositSessions sessions, Outbox outbox, UnitOfWork unitOfWork) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.unitOfWork = unitOfWork;
    }

    /** A malformed id names no session, like an unknown one. */
    DepositSession find(String sessionId) {
        return SessionId.parse(sessionId)
                .flatMap(sessions::findById)
                .orElseThrow(() -> DomainException.notFound("session"));
    }

    DepositSession lock(SessionId id) {
        return sessions.findByIdForUpdate(id).orElseThrow(() -> DomainException.notFound("session"));
    }

    /** Stores the new state and its events, if anything changed; must run inside a unit of work. */
    void save(Change change) {
        if (change.changed()) {
            sessions.update(change.session());
            outbox.append(change.events());
        }
    }

    /** Nobody sees a session CREATED after its expiry: a due one is expired, with its event, first. */
    DepositSession expiredIfDue(DepositSession session, Instant now) {
        if (!session.isDueForExpiry(now)) {
            return session;
        }
        return unitOfWork.inTransaction(() -> {
            Change change = lock(session.id()).expireIfDue(now);
            save(change);
            return change.session();
        });
    }
}
