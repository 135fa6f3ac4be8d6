package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.DeleteWidget;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.BusinessId;

public final class DeleteWidgetService implements DeleteWidget {
    private final Widgets widgets;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public DeleteWidgetService(Widgets widgets, UnitOfWork unitOfWork, Clock clock) {
        this.widgets = widgets;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public void delete(Caller caller, String businessId, String widgetId) {
        BusinessId business = Access.requireMember(caller, businessId);
        unitOfWork.inTransaction(() -> {
            widgets.update(Access.liveWidgetOf(widgets, business, widgetId).delete(clock.now()));
            return null;
        });
    }
}
