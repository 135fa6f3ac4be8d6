package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RotateWidgetSecret;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;

public final class RotateWidgetSecretService implements RotateWidgetSecret {
    private final Widgets widgets;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public RotateWidgetSecretService(Widgets widgets, UnitOfWork unitOfWork, Clock clock) {
        this.widgets = widgets;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public String rotate(Caller caller, String businessId, String widgetId) {
        BusinessId business = Access.requireMember(caller, businessId);
        return unitOfWork.inTransaction(() -> {
            Widget.Issued rotated = Access.liveWidgetOf(widgets, business, widgetId).rotateSecret(clock.now());
            widgets.update(rotated.widget());
            return rotated.clientSecret();
        });
    }
}
