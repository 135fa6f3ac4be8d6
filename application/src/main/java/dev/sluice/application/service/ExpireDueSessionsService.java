package dev.sluice.application.service;

import dev.sluice.application.port.in.ExpireDueSessions;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import java.time.Instant;

/** One unit of work per batch; rows another instance holds are skipped, so each session expires once. */
public final class ExpireDueSessionsService implements ExpireDueSessions {
    private final DepositSessions sessions;
    private final SessionStore store;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public ExpireDueSessionsService(DepositSessions sessions, Outbox outbox, UnitOfWork unitOfWork, Clock clock) {
        this.sessions = sessions;
        this.store = new SessionStore(sessions, outbox, unitOfWork);
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public int expireDue(int batchSize) {
        Instant now = clock.now();
        return unitOfWork.inTransaction(() -> {
            int expired = 0;
            for (DepositSession session : sessions.claimDueForExpiry(now, batchSize)) {
                Change change = session.expireIfDue(now);
                store.save(change);
                expired += change.events().size();
            }
            return expired;
        });
    }
}
