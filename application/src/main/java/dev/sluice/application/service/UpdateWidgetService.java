package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.UpdateWidget;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetPatch;
import dev.sluice.domain.widget.WidgetRules;
import dev.sluice.domain.widget.WidgetSettings;
import java.util.List;

public final class UpdateWidgetService implements UpdateWidget {
    private final Widgets widgets;
    private final MetadataSchemas schemas;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public UpdateWidgetService(Widgets widgets, MetadataSchemas schemas, UnitOfWork unitOfWork, Clock clock) {
        this.widgets = widgets;
        this.schemas = schemas;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public Widget update(Caller caller, String businessId, String widgetId, WidgetPatch patch,
            List<Violation> inputViolations) {
        BusinessId business = Access.requireMember(caller, businessId);
        String sentSchema = patch.has(WidgetField.METADATA_SCHEMA) ? patch.values().text(WidgetField.METADATA_SCHEMA) : null;
        List<Violation> found = SchemaCheck.withSchemaViolations(schemas, sentSchema, inputViolations);
        return unitOfWork.inTransaction(() -> {
            Widget current = Access.liveWidgetOf(widgets, business, widgetId);
            WidgetSettings settings = WidgetRules.apply(current.settings(), patch, found);
            boolean enabled = patch.enabled() == null ? current.enabled() : patch.enabled();
            Widget updated = current.reconfigure(settings, enabled, clock.now());
            widgets.update(updated);
            return updated;
        });
    }
}
