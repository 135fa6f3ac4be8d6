package dev.sluice.domain.widget;

import java.util.List;

/**
 * Widget settings as the caller sent them, before any rule was applied: enums and amounts are
 * still text, and a field the caller left out (or sent as {@code null}) is {@code null}.
 */
public record WidgetDraft(
        String name,
        String mode,
        String minAmount,
        String maxAmount,
        List<String> allowedNetworks,
        List<String> allowedCurrencies,
        List<String> allowedDepositAddresses,
        List<String> allowedDomains,
        List<String> allowedMethods,
        String successUrl,
        String cancelUrl,
        String iconUrl,
        String defaultCurrency,
        String defaultCurrencyAddress,
        String defaultNetwork,
        String defaultDepositAddress,
        String metadataSchema,
        String renderMode,
        String color,
        String emoji) {
}
