package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CancelDepositSession;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionSecrets;
import java.time.Instant;
import java.util.Optional;

public final class CancelDepositSessionService implements CancelDepositSession {
    private final SessionStore store;
    private final Widgets widgets;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final SessionSecrets secrets;

    public CancelDepositSessionService(Widgets widgets, DepositSessions sessions, Outbox outbox,
            UnitOfWork unitOfWork, Clock clock, SessionSecrets secrets) {
        this.store = new SessionStore(sessions, outbox, unitOfWork);
        this.widgets = widgets;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.secrets = secrets;
    }

    @Override
    public void cancel(Caller caller, String sessionId, Optional<String> originHost) {
        DepositSession session = store.find(sessionId);
        Access.requireSessionAccess(caller, session, secrets);
        Access.requireSessionOrigin(caller, session, originHost, widgets);
        Instant now = clock.now();
        // A session whose time is up expires (and stays expired) even though the cancel is refused.
        store.expiredIfDue(session, now);
        unitOfWork.inTransaction(() -> {
            store.save(store.lock(session.id()).cancel(now));
            return null;
        });
    }
}
