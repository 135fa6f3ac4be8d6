package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.GetDepositSession;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionSecrets;
import java.util.Optional;

/** The customer's view (session secret) or the merchant's full view (JWT of the owning business). */
public final class GetDepositSessionService implements GetDepositSession {
    private final SessionStore store;
    private final Widgets widgets;
    private final Clock clock;
    private final SessionSecrets secrets;

    public GetDepositSessionService(Widgets widgets, DepositSessions sessions, Outbox outbox, UnitOfWork unitOfWork,
            Clock clock, SessionSecrets secrets) {
        this.store = new SessionStore(sessions, outbox, unitOfWork);
        this.widgets = widgets;
        this.clock = clock;
        this.secrets = secrets;
    }

    @Override
    public SessionView get(Caller caller, String sessionId, Optional<String> originHost) {
        DepositSession session = store.find(sessionId);
        Access.requireSessionAccess(caller, session, secrets);
        Access.requireSessionOrigin(caller, session, originHost, widgets);
        return new SessionView(store.expiredIfDue(session, clock.now()), caller instanceof Caller.BusinessUser);
    }
}
