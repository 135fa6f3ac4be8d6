package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.ListWidgets;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.Widget;
import java.util.List;

public final class ListWidgetsService implements ListWidgets {
    private final Widgets widgets;

    public ListWidgetsService(Widgets widgets) {
        this.widgets = widgets;
    }

    @Override
    public List<Widget> list(Caller caller, String businessId) {
        return widgets.listLive(Access.requireMember(caller, businessId));
    }
}
