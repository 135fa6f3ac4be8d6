package dev.sluice.application.port.in;

import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetPatch;
import java.util.List;

/** {@code POST …/widgets/{widgetId}/update-widget}: partial, same rules as create. */
public interface UpdateWidget {
    Widget update(Caller caller, String businessId, String widgetId, WidgetPatch patch, List<Violation> inputViolations);
}
