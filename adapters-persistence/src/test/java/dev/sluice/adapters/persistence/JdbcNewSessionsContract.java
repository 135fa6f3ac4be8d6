package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.NewSessionsContract;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;

/** The port's contract on one database, read back through the module's own stores. */
abstract class JdbcNewSessionsContract extends NewSessionsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    private Widget widget;

    abstract PersistenceModule db();

    @Override
    protected NewSessions newSessions() {
        return db().newSessions();
    }

    @Override
    protected DepositSessions sessions() {
        return db().depositSessions();
    }

    @Override
    protected EventFeed feed() {
        return db().eventFeed();
    }

    @Override
    protected Change newSession() {
        return Fixtures.newSession(widget(), NOW);
    }

    @Override
    protected long widgetVersion() {
        return db().widgets().findById(widget().id()).orElseThrow().version();
    }

    @Override
    protected void changeWidget() {
        db().widgets().update(db().widgets().findById(widget().id()).orElseThrow());
    }

    private Widget widget() {
        if (widget == null) {
            widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        }
        return widget;
    }
}
