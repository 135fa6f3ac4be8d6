package dev.sluice.application.port.in;

import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import java.util.List;

/** {@code POST /api/v1/businesses/{businessId}/widgets/create-widget}. */
public interface CreateWidget {
    /** The new widget and its client secret, shown this once. */
    Widget.Issued create(Caller caller, String businessId, WidgetDraft draft, List<Violation> inputViolations);
}
