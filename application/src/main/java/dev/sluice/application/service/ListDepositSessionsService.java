package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.ListDepositSessions;
import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.Violations;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.Arrays;
import java.util.Optional;

/** A widget's sessions for its business, newest first. */
public final class ListDepositSessionsService implements ListDepositSessions {
    private final Widgets widgets;
    private final DepositSessions sessions;

    public ListDepositSessionsService(Widgets widgets, DepositSessions sessions) {
        this.widgets = widgets;
        this.sessions = sessions;
    }

    @Override
    public Page<DepositSession> list(Caller caller, String widgetId, String status, String limit,
            String startingAfter) {
        if (!(caller instanceof Caller.BusinessUser)) {
            throw Access.unauthorized();
        }
        Widget widget = WidgetId.parse(widgetId)
                .flatMap(widgets::findById)
                .filter(w -> !w.isDeleted())
                .orElseThrow(() -> DomainException.notFound("widget"));
        Access.requireWidgetAccess(caller, widget);
        Violations violations = new Violations();
        Optional<PaymentStatus> wanted = status(violations, status);
        int size = PageQuery.limit(violations, limit);
        Optional<SessionId> after = PageQuery.cursor(violations, "startingAfter", startingAfter, SessionId::parse);
        violations.throwIfAny();
        return sessions.listByWidget(widget.id(), wanted, size, after);
    }

    private static Optional<PaymentStatus> status(Violations violations, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<PaymentStatus> status = Arrays.stream(PaymentStatus.values())
                .filter(s -> s.name().equals(text))
                .findFirst();
        if (status.isEmpty()) {
            violations.add("status", "invalid_value", "must be one of " + Arrays.toString(PaymentStatus.values()));
        }
        return status;
    }
}
