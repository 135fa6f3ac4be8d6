package dev.sluice.application.port.in;

import dev.sluice.domain.widget.Widget;
import java.util.Optional;

/** {@code GET /api/v1/widgets/{widgetId}/config}. */
public interface GetWidgetConfig {
    WidgetConfig get(Caller caller, String widgetId, Optional<String> originHost);

    /**
     * Either the widget (whose public fields the adapter shows) or the reason it is withheld:
     * {@code widget_disabled} or {@code domain_not_allowed}.
     */
    record WidgetConfig(Optional<Widget> widget, Optional<String> reason) {
    }
}
