package dev.sluice.application.fakes;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.domain.session.Change;

/** Each new session in a unit of work of its own, with the other in-memory stores. */
public final class InMemoryNewSessions implements NewSessions {
    private final InMemoryUnitOfWork unitOfWork;
    private final InMemoryDepositSessions sessions;
    private final InMemoryOutbox outbox;

    public InMemoryNewSessions(InMemoryUnitOfWork unitOfWork, InMemoryDepositSessions sessions, InMemoryOutbox outbox) {
        this.unitOfWork = unitOfWork;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    @Override
    public void add(Change created) {
        unitOfWork.inTransaction(() -> {
            sessions.add(created.session());
            outbox.append(created.events());
            return null;
        });
    }
}
