package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.GetWidget;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.Widget;

public final class GetWidgetService implements GetWidget {
    private final Widgets widgets;

    public GetWidgetService(Widgets widgets) {
        this.widgets = widgets;
    }

    @Override
    public Widget get(Caller caller, String businessId, String widgetId) {
        return Access.liveWidgetOf(widgets, Access.requireMember(caller, businessId), widgetId);
    }
}
