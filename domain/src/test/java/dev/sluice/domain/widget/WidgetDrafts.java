package dev.sluice.domain.widget;

import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.Violation;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A valid create-widget request that a test changes field by field. */
public final class WidgetDrafts {
    public String name = "Coffee shop";
    public String mode = "CUSTOMER_AMOUNT";
    public String minAmount;
    public String maxAmount;
    public List<String> allowedNetworks;
    public List<String> allowedCurrencies;
    public List<String> allowedDepositAddresses;
    public List<String> allowedDomains;
    public List<String> allowedMethods;
    public String successUrl;
    public String cancelUrl;
    public String iconUrl;
    public String defaultCurrency;
    public String defaultCurrencyAddress;
    public String defaultNetwork;
    public String defaultDepositAddress;
    public String metadataSchema;
    public String renderMode;
    public String color;
    public String emoji;

    public static WidgetDrafts valid() {
        return new WidgetDrafts();
    }

    public WidgetDrafts with(Consumer<WidgetDrafts> change) {
        change.accept(this);
        return this;
    }

    public WidgetDraft build() {
        return new WidgetDraft(name, mode, minAmount, maxAmount, allowedNetworks, allowedCurrencies,
                allowedDepositAddresses, allowedDomains, allowedMethods, successUrl, cancelUrl, iconUrl,
                defaultCurrency, defaultCurrencyAddress, defaultNetwork, defaultDepositAddress, metadataSchema,
                renderMode, color, emoji);
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
