package dev.sluice.application.fakes;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.Change;

/** Each new session in a unit of work of its own, with the other in-memory ports of its store. */
public final class InMemoryNewSessions implements NewSessions {
    private final UnitOfWork unitOfWork;
    private final InMemoryWidgets widgets;
    private final InMemoryDepositSessions sessions;
    private final InMemoryOutbox outbox;

    InMemoryNewSessions(UnitOfWork unitOfWork, InMemoryWidgets widgets, InMemoryDepositSessions sessions,
            InMemoryOutbox outbox) {
        this.unitOfWork = unitOfWork;
        this.widgets = widgets;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    @Override
    public boolean add(Change created, long widgetVersion) {
        return unitOfWork.inTransaction(() -> {
            if (widgets.findById(created.session().widgetId()).filter(w -> w.version() == widgetVersion).isEmpty()) {
                return false;
            }
            sessions.add(created.session());
            outbox.append(created.events());
            return true;
        });
    }
}
