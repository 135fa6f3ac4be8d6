package dev.sluice.domain.widget;

import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.Violation;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A valid create-widget request that a test changes field by field. */
public final class WidgetDrafts {
    private final WidgetDraft.Builder draft = WidgetDraft.builder()
            .set(WidgetField.NAME, "Coffee shop")
            .set(WidgetField.MODE, "CUSTOMER_AMOUNT");

    public static WidgetDrafts valid() {
        return new WidgetDrafts();
    }

    /** A request that sends no field at all, e.g. for a patch. */
    public static WidgetDrafts empty() {
        return valid().set(WidgetField.NAME, null).set(WidgetField.MODE, null);
    }

    public WidgetDrafts set(WidgetField field, Object value) {
        draft.set(field, value);
        return this;
    }

    public WidgetDrafts with(Consumer<WidgetDrafts> change) {
        change.accept(this);
        return this;
    }

    public WidgetDraft build() {
        return draft.build();
    }

    public WidgetSettings settings() {
        return WidgetRules.create(build(), List.of());
    }

    public Widget widget(BusinessId business) {
        return Widget.create(business, settings(), Instant.parse("2026-06-09T12:00:00.000Z")).widget();
    }

    /** The violations the rules report for this draft; empty when it is valid. */
    public List<Violation> violations() {
        try {
            WidgetRules.create(build(), List.of());
            return List.of();
        } catch (DomainException e) {
            return e.violations();
        }
    }
}
