package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.GetWidgetConfig;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.Optional;

/** The widget's public configuration, or why the front end may not show it. */
public final class GetWidgetConfigService implements GetWidgetConfig {
    private final Widgets widgets;

    public GetWidgetConfigService(Widgets widgets) {
        this.widgets = widgets;
    }

    @Override
    public WidgetConfig get(Caller caller, String widgetId, Optional<String> originHost) {
        Widget widget = WidgetId.parse(widgetId)
                .flatMap(widgets::findById)
                .filter(w -> !w.isDeleted())
                .orElseThrow(() -> DomainException.notFound("widget"));
        Access.requireWidgetAccess(caller, widget);
        if (!widget.enabled()) {
            return withheld(ErrorCode.WIDGET_DISABLED);
        }
        if (originHost.filter(host -> !widget.allowsOrigin(host)).isPresent()) {
            return withheld(ErrorCode.DOMAIN_NOT_ALLOWED);
        }
        return new WidgetConfig(Optional.of(widget), Optional.empty());
    }

    private static WidgetConfig withheld(ErrorCode reason) {
        return new WidgetConfig(Optional.empty(), Optional.of(reason.code()));
    }
}
