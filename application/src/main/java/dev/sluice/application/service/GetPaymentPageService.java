package dev.sluice.application.service;

import dev.sluice.application.port.in.GetPaymentPage;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;

/**
 * The hosted page of a live widget. A disabled widget still gets its page, which shows the
 * refusal once it asks for the configuration.
 */
public final class GetPaymentPageService implements GetPaymentPage {
    private final Widgets widgets;

    public GetPaymentPageService(Widgets widgets) {
        this.widgets = widgets;
    }

    @Override
    public PaymentPage get(String widgetId) {
        Widget widget = WidgetId.parse(widgetId)
                .flatMap(widgets::findById)
                .filter(w -> !w.isDeleted())
                .orElseThrow(() -> DomainException.notFound("widget"));
        return new PaymentPage(widget.id().value(), widget.settings().allowedDomains());
    }
}
