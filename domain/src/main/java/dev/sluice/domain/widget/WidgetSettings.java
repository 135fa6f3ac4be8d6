package dev.sluice.domain.widget;

import static dev.sluice.domain.widget.WidgetField.ALLOWED_CURRENCIES;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_DEPOSIT_ADDRESSES;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_DOMAINS;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_METHODS;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_NETWORKS;
import static dev.sluice.domain.widget.WidgetField.CANCEL_URL;
import static dev.sluice.domain.widget.WidgetField.COLOR;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_CURRENCY;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_CURRENCY_ADDRESS;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_DEPOSIT_ADDRESS;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_NETWORK;
import static dev.sluice.domain.widget.WidgetField.EMOJI;
import static dev.sluice.domain.widget.WidgetField.ICON_URL;
import static dev.sluice.domain.widget.WidgetField.MAX_AMOUNT;
import static dev.sluice.domain.widget.WidgetField.METADATA_SCHEMA;
import static dev.sluice.domain.widget.WidgetField.MIN_AMOUNT;
import static dev.sluice.domain.widget.WidgetField.MODE;
import static dev.sluice.domain.widget.WidgetField.NAME;
import static dev.sluice.domain.widget.WidgetField.PAYMENT_TOLERANCE_PERCENT;
import static dev.sluice.domain.widget.WidgetField.RENDER_MODE;
import static dev.sluice.domain.widget.WidgetField.SESSION_TTL;
import static dev.sluice.domain.widget.WidgetField.SUCCESS_URL;
import static dev.sluice.domain.widget.WidgetField.TEST_MODE;

import dev.sluice.domain.shared.Amount;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a merchant configures on a widget. {@link WidgetRules} checks a draft before it
 * becomes settings, reporting every broken rule at once; stored settings are read back through
 * {@link #from}. Empty lists mean "any".
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
        String emoji,
        Duration sessionTtl,
        Amount paymentTolerancePercent,
        boolean testMode) {

    public static final Duration DEFAULT_SESSION_TTL = Duration.ofMinutes(30);
    public static final Amount DEFAULT_PAYMENT_TOLERANCE = new Amount("0");

    public WidgetSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(renderMode, "renderMode");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(paymentTolerancePercent, "paymentTolerancePercent");
        allowedNetworks = List.copyOf(allowedNetworks);
        allowedCurrencies = List.copyOf(allowedCurrencies);
        allowedDepositAddresses = List.copyOf(allowedDepositAddresses);
        allowedDomains = List.copyOf(allowedDomains);
        allowedMethods = List.copyOf(allowedMethods);
    }

    /**
     * The settings a draft describes, the defaults standing in for absent fields: no list means an
     * empty one (its {@code null} elements are dropped), IFRAME, 30 minutes, no tolerance, not in
     * test mode. Checks nothing beyond the types; a draft of the caller's goes through
     * {@link WidgetRules} instead.
     */
    public static WidgetSettings from(WidgetDraft draft) {
        return new WidgetSettings(
                draft.text(NAME),
                WidgetMode.valueOf(draft.text(MODE)),
                amount(draft.text(MIN_AMOUNT)),
                amount(draft.text(MAX_AMOUNT)),
                list(draft.texts(ALLOWED_NETWORKS)),
                list(draft.texts(ALLOWED_CURRENCIES)),
                list(draft.texts(ALLOWED_DEPOSIT_ADDRESSES)),
                list(draft.texts(ALLOWED_DOMAINS)),
                list(draft.texts(ALLOWED_METHODS)),
                draft.text(SUCCESS_URL),
                draft.text(CANCEL_URL),
                draft.text(ICON_URL),
                draft.text(DEFAULT_CURRENCY),
                draft.text(DEFAULT_CURRENCY_ADDRESS),
                draft.text(DEFAULT_NETWORK),
                draft.text(DEFAULT_DEPOSIT_ADDRESS),
                draft.text(METADATA_SCHEMA),
                draft.text(RENDER_MODE) == null ? RenderMode.IFRAME : RenderMode.valueOf(draft.text(RENDER_MODE)),
                draft.text(COLOR),
                draft.text(EMOJI),
                draft.text(SESSION_TTL) == null ? DEFAULT_SESSION_TTL : Duration.parse(draft.text(SESSION_TTL)),
                draft.text(PAYMENT_TOLERANCE_PERCENT) == null ? DEFAULT_PAYMENT_TOLERANCE
                        : new Amount(draft.text(PAYMENT_TOLERANCE_PERCENT)),
                Boolean.TRUE.equals(draft.flag(TEST_MODE)));
    }

    private static Amount amount(String text) {
        return text == null ? null : new Amount(text);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }
}
