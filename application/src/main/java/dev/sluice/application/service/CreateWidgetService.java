package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateWidget;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetRules;
import dev.sluice.domain.widget.WidgetSettings;
import java.util.List;

public final class CreateWidgetService implements CreateWidget {
    /** Live widgets a business may have at once. */
    public static final int MAX_LIVE_WIDGETS = 10;

    private final Widgets widgets;
    private final MetadataSchemas schemas;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public CreateWidgetService(Widgets widgets, MetadataSchemas schemas, UnitOfWork unitOfWork, Clock clock) {
        this.widgets = widgets;
        this.schemas = schemas;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public Widget.Issued create(Caller caller, String businessId, WidgetDraft draft, List<Violation> inputViolations) {
        BusinessId business = Access.requireMember(caller, businessId);
        List<Violation> found = SchemaCheck.withSchemaViolations(schemas, draft.text(WidgetField.METADATA_SCHEMA),
                inputViolations);
        WidgetSettings settings = WidgetRules.create(draft, found);
        return unitOfWork.inTransaction(() -> {
            // counted under a lock, so two concurrent creations cannot both take the tenth place
            if (widgets.countLiveForUpdate(business) >= MAX_LIVE_WIDGETS) {
                throw new DomainException(ErrorCode.WIDGET_LIMIT_REACHED,
                        "a business can have at most " + MAX_LIVE_WIDGETS + " widgets");
            }
            Widget.Issued issued = Widget.create(business, settings, clock.now());
            widgets.add(issued.widget());
            return issued;
        });
    }
}
