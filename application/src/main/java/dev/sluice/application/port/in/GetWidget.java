package dev.sluice.application.port.in;

import dev.sluice.domain.widget.Widget;

/** {@code GET /api/v1/businesses/{businessId}/widgets/{widgetId}}. */
public interface GetWidget {
    Widget get(Caller caller, String businessId, String widgetId);
}
