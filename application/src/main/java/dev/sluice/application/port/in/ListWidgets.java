package dev.sluice.application.port.in;

import dev.sluice.domain.widget.Widget;
import java.util.List;

/** {@code GET /api/v1/businesses/{businessId}/widgets}: live widgets only. */
public interface ListWidgets {
    List<Widget> list(Caller caller, String businessId);
}
