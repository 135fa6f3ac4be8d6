package dev.sluice.application.fakes;

import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.NewSessionsContract;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.Widget;
import java.util.List;

class InMemoryNewSessionsTest extends NewSessionsContract {
    private final TestApp app = new TestApp();
    private final Widget widget = app.newWidget().widget();

    @Override
    protected NewSessions newSessions() {
        return app.newSessions;
    }

    @Override
    protected DepositSessions sessions() {
        return app.sessions;
    }

    @Override
    protected EventFeed feed() {
        return app.outbox;
    }

    @Override
    protected long widgetVersion() {
        return app.widgets.findById(widget.id()).orElseThrow().version();
    }

    @Override
    protected void changeWidget() {
        app.unitOfWork.inTransaction(() -> {
            app.widgets.update(app.widgets.findById(widget.id()).orElseThrow());
            return null;
        });
    }

    @Override
    protected Change newSession() {
        return DepositSession.create(SessionId.generate(), widget, TestApp.sessionDraft("100.50"), List.of(),
                TestApp.START, TestApp.TTL);
    }
}
