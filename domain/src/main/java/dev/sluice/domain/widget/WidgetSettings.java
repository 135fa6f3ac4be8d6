package dev.sluice.domain.widget;

import dev.sluice.domain.session.Amount;
import java.util.List;
import java.util.Objects;

/**
 * Everything a merchant configures on a widget. Built only through {@link WidgetRules}, which
 * reports every broken rule at once; an instance always satisfies the rules of api.md.
 * Empty lists mean "any".
 */
public record WidgetSettings(
        String name,
        WidgetMode mode,
        Amount minAmount,
        Amount maxAmount,
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
        RenderMode renderMode,
        String color,
        String emoji) {

    public WidgetSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(renderMode, "renderMode");
        allowedNetworks = List.copyOf(allowedNetworks);
        allowedCurrencies = List.copyOf(allowedCurrencies);
        allowedDepositAddresses = List.copyOf(allowedDepositAddresses);
        allowedDomains = List.copyOf(allowedDomains);
        allowedMethods = List.copyOf(allowedMethods);
    }
}
