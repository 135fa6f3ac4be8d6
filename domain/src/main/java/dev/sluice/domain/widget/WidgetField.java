package dev.sluice.domain.widget;

import dev.sluice.domain.shared.Amount;
import java.util.function.Function;

/**
 * The fields a merchant configures on a widget, by their API names, each with the form it takes
 * on the wire and in storage and whether the widget's public config shows it. Adapters read and
 * write widgets field by field from this list, so a new field is one constant here, one component
 * of {@link WidgetSettings} and its rule in {@link WidgetRules}.
 */
public enum WidgetField {
    NAME("name", Kind.TEXT, true, WidgetSettings::name),
    MODE("mode", Kind.TEXT, true, s -> s.mode().name()),
    MIN_AMOUNT("minAmount", Kind.AMOUNT, true, s -> text(s.minAmount())),
    MAX_AMOUNT("maxAmount", Kind.AMOUNT, true, s -> text(s.maxAmount())),
    ALLOWED_NETWORKS("allowedNetworks", Kind.TEXTS, true, WidgetSettings::allowedNetworks),
    ALLOWED_CURRENCIES("allowedCurrencies", Kind.TEXTS, true, WidgetSettings::allowedCurrencies),
    ALLOWED_DEPOSIT_ADDRESSES("allowedDepositAddresses", Kind.TEXTS, true, WidgetSettings::allowedDepositAddresses),
    ALLOWED_DOMAINS("allowedDomains", Kind.TEXTS, false, WidgetSettings::allowedDomains),
    ALLOWED_METHODS("allowedMethods", Kind.TEXTS, true, WidgetSettings::allowedMethods),
    SUCCESS_URL("successUrl", Kind.TEXT, true, WidgetSettings::successUrl),
    CANCEL_URL("cancelUrl", Kind.TEXT, true, WidgetSettings::cancelUrl),
    ICON_URL("iconUrl", Kind.TEXT, true, WidgetSettings::iconUrl),
    DEFAULT_CURRENCY("defaultCurrency", Kind.TEXT, true, WidgetSettings::defaultCurrency),
    DEFAULT_CURRENCY_ADDRESS("defaultCurrencyAddress", Kind.TEXT, true, WidgetSettings::defaultCurrencyAddress),
    DEFAULT_NETWORK("defaultNetwork", Kind.TEXT, true, WidgetSettings::defaultNetwork),
    DEFAULT_DEPOSIT_ADDRESS("defaultDepositAddress", Kind.TEXT, true, WidgetSettings::defaultDepositAddress),
    METADATA_SCHEMA("metadataSchema", Kind.JSON, true, WidgetSettings::metadataSchema),
    RENDER_MODE("renderMode", Kind.TEXT, true, s -> s.renderMode().name()),
    COLOR("color", Kind.TEXT, true, WidgetSettings::color),
    EMOJI("emoji", Kind.TEXT, true, WidgetSettings::emoji),
    SESSION_TTL("sessionTtl", Kind.TEXT, true, s -> s.sessionTtl().toString()),
    PAYMENT_TOLERANCE_PERCENT("paymentTolerancePercent", Kind.TEXT, false, s -> s.paymentTolerancePercent().text()),
    TEST_MODE("testMode", Kind.FLAG, true, WidgetSettings::testMode);

    /** How a value travels: as a string, a list of strings, a JSON object's text or a boolean. */
    public enum Kind {
        TEXT(String.class),
        /** A decimal string that storage also keeps as a number, to compare in queries. */
        AMOUNT(String.class),
        TEXTS(java.util.List.class),
        JSON(String.class),
        FLAG(Boolean.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        boolean accepts(Object value) {
            return value == null || type.isInstance(value);
        }
    }

    private final String apiName;
    private final Kind kind;
    private final boolean inPublicConfig;
    private final Function<WidgetSettings, Object> read;

    WidgetField(String apiName, Kind kind, boolean inPublicConfig, Function<WidgetSettings, ?> read) {
        this.apiName = apiName;
        this.kind = kind;
        this.inPublicConfig = inPublicConfig;
        this.read = read::apply;
    }

    public String apiName() {
        return apiName;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether {@code GET /api/v1/widgets/{widgetId}/config} shows the field to the widget's front end. */
    public boolean inPublicConfig() {
        return inPublicConfig;
    }

    /** The field's value in {@code settings}, in its wire form (see {@link Kind}). */
    public Object valueIn(WidgetSettings settings) {
        return read.apply(settings);
    }

    private static String text(Amount amount) {
        return amount == null ? null : amount.text();
    }
}
